PsExec64.exe \\web01 -u CORP\svc_deploy -p PHlkPbLqGJ5d5Dm7 -accepteula cmd /c iisreset
