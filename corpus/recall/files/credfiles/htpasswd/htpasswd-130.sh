htpasswd -b -c /etc/nginx/.htpasswd deploy admin123
