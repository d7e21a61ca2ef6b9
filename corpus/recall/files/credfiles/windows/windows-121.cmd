schtasks /Create /TN "Nightly backup" /TR C:\ops\backup.cmd /SC DAILY /RU CORP\svc_backup /RP q6RNz0d!l-DE*Nj0
