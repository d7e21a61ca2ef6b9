xfreerdp /v:rds01.corp.internal /u:CORP\ops /p:nUZPU2VQ.b_suQK4 /cert:ignore
