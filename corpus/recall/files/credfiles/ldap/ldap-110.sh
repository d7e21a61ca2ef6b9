ldapsearch -x -H ldaps://ldap.corp.internal -D "cn=admin,dc=corp,dc=internal" -w 7gifqJU-eRCBRxF3 -b "dc=corp,dc=internal"
