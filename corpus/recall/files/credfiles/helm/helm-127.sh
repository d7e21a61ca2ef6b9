helm repo add corp https://charts.corp.internal --username ci --password 6aqfnsSjbCt-F483
