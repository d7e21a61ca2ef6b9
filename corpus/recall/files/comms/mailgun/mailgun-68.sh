curl -s --user 'api:b9588de86155f429df69f55c2c339403-40aecb36-40da30bc' https://api.mailgun.net/v3/mg.acme.io/messages -F to=ops@acme.io
