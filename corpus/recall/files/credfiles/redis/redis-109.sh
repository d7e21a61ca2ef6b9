redis-cli -h cache.internal -p 6379 -a b937ec2e744e2776cf55ecc5276138a0 --no-auth-warning INFO
