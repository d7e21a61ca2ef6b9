c = get_config()
c.ServerApp.ip = '0.0.0.0'
c.ServerApp.token = '74a81961cf1fec10154dc305d7289bd6824c78c5819a290c'
