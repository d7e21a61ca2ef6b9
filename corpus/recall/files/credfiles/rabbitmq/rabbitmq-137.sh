rabbitmqctl add_user orders PdtLDcJE7dex6vP4 && rabbitmqctl set_user_tags orders monitoring
