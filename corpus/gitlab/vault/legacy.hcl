path "*" {
  capabilities = ["read", "list"]
}

path "secret/ci/*" {
  capabilities = ["read", "sudo", "reed"]
}

path "secret/data/+*" {
  capabilities = ["read"]
}
