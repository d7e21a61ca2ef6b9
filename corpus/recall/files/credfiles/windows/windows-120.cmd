cmdkey /add:TERMSRV/rds01.corp.internal /user:CORP\ops /pass:CshKKKl+dB0XlYO3
