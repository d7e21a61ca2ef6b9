lftp -u deploy,d158H4L_6JX0Sq!1 sftp://web01.corp.internal -e 'mirror -R dist /var/www; quit'
