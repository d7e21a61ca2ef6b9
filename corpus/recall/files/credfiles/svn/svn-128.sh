svn checkout https://svn.corp.internal/repos/app --username build --password 2uqqMTcuy-.IVA25 --non-interactive
