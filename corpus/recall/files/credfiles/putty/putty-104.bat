plink.exe -ssh -batch -pw E15RMCH5hhNl0eQ8 deploy@web01.corp.internal "sudo systemctl restart app"
