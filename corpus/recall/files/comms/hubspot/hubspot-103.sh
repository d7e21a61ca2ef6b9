curl 'https://api.hubapi.com/contacts/v1/lists/all/contacts/all?hapikey=d61db734-7d09-4296-bacc-aadba0652ec9&count=100'
