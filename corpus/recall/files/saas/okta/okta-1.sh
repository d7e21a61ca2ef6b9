curl -s -H 'Accept: application/json' -H 'Authorization: SSWS 00m2hhJJm4467Ou7RaAF11HPOD_EP-H1AnkoetRA1h' https://acme.okta.com/api/v1/users?limit=25
