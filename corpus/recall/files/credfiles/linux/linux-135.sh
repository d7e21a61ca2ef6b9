echo 'postgres' | sudo -S apt-get install -y nginx
