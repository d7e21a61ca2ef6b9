wget --user=mirror --password=qmdD5FO!.FAOcv+1 https://files.corp.internal/dist/app.tar.gz
