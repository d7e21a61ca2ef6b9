curl https://acme.zendesk.com/api/v2/tickets.json -u support@acme.io/token:DfdYc5IUNhl3t9B0KHpDglf049uij8miEIMyUzbk
