net user svc_backup 848Rq8!gpb~HJro1 /add /domain
