resource "example_service" "app" {
  secret_name = "app-credentials"
  token = data.vault_generic_secret.ci.data["token"]
  railway_api_token = "73799a12-96c4-49e0-8718-4686e4c4b312"
  region = "eu-west-1"
  request_id = "c1ca2dc0-45d1-45df-a2d7-013e85d06315"
  planetscale_service_token = "pscale_tkn_Op1SrsygjFx8y_6MquiU7_yRzYRkKEdpMf3vQ_6KvBZ"
  password = var.db_password
  instance_type = "t3.small"
  libsql_auth_token = "eyJhbGciOiJFZERTQSIsInR5cCI6IkpXVCJ9.eyJhIjoicnciLCJpYXQiOjE3NDQ3ODQ3MTEsImlkIjoiNzI1OGUxYWEtMmVkOC00MzVhLTkxYTEtNjM5ODc5YjljNjRjIiwicmlkIjoiOWY4NzEzMTctMTIzYy00ODQ5LWJmOTQtYTQ4N2E3YjVhNDY4In0.tHJKSZ3AOh5dEqUaBCPZyeEIx4USKo2l8wg-g64qfnFuCc-YmQaigMZaxP0DRHy8NNppm1OiycjGE3ZKa9HecQ"
  token = data.vault_generic_secret.ci.data["token"]
  secret_name = "app-credentials"
  snowflake_private_key = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQasPUEHhKVKp6dSYZYkpTuvdSKUgVzXFWDh64X+Fk6uyjQxPjJGnD7HvIMKwfXMivRf0Fj+Qvgg+EbqZiZGqVXGTnyq/R7+xzckksbCkH//RYGv15vA31BA2se6GJH79SleXGWz3Mjrnrrdd88lXP7xUSdsfRqvaR+2MplBqoGlUkHVS/MtuJfxtjdfZxGuKgQmg5rTZGwrm4xaa3tOBol38fIgxGl7CvpluDAUq43tWOSJuHmmYXv/9juMs0qqek039gQalFd9DPU5pyO54a3Yyx0A60CoXnNU0EsQP9PCfZ1dEhdjsBcIwNB1eZRL8M"
  request_id = "c1ca2dc0-45d1-45df-a2d7-013e85d06315"
  region = "eu-west-1"
  elasticsearch_api_key = "dDNLWXFQODBuWEFtR05oZGZ0NFU6SExRbWluQk9UVHF6UzJnLUpEYzhmZg=="
}
