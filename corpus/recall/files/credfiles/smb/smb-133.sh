smbclient //fs01.corp.internal/builds -U 'CORP\svc_build%Dozp-JbGJDaFiAt7' -c 'put app.zip'
