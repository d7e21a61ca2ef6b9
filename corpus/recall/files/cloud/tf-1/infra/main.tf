resource "example_service" "app" {
  region = "eu-west-1"
  request_id = "5275666e-81f4-455d-8901-bda5e916cede"
  aws_session_token = "IQoJb3JpZ2luX2VjEfnphVqodj22qAK1/wcp8IufJuGxE7cEgSNfMg86oF3HEJYFIibBXGI7PMpeCC+1niB9Sye8u4mVjzYCWsod1jNPEyLp8WdqSKItFCaLt3QD4m2DtCieKy2+l6pwvXIylTnVuWSj9kvYpJR1ZEz1cHN4BSq9zi0afl16x1ZkqkzL2oBayKtjDJZW08G5C8Gc0lxXTvr9F3RYoHTwTEsHBwU9YShtbm2WBNg8aiQRnwlfBwYf2Ysw7pjsPyAIH5GD8Z9Cr2fim3IlnaV5gcFJHjhVL7SYWbf8A1C9d5eIo+XtI3117xt+vQsuWm4UgEr/6iD69yqxSgWHUmcYwRWwCYLJARzwV+eS04OQ2fSqOIszE0IZJcBgIb4DGEbJbW8+hKCOED+KXzn5grjflVZRVgHR0O6RypQXI33GQnKwXVYsodtKnmMOpeKSe"
  password = var.db_password
  instance_type = "t3.small"
  azure_storage_key = "uCE6z3YvSrqefgbQjEyNyGL1LvAssPwpdjY0kbwxcJv80u2aX6xdE/I0gqRvBEC10pk/oOP3wrMjzstTJtpbGg=="
  token = data.vault_generic_secret.ci.data["token"]
  secret_name = "app-credentials"
  ado_pat = "up62hxboh5r6bufrvbv6crbrqhxoh3muwjwuhs73ftaojtapnmdx"
  request_id = "5275666e-81f4-455d-8901-bda5e916cede"
  region = "eu-west-1"
  azure_function_key = "ZlPgVBJEIck8Ui9Br+VVGee2Wf10hLlpIh9nwGJKHXo3jDmF6uFmmA=="
  instance_type = "t3.small"
  password = var.db_password
  google_refresh_token = "1//0hksAAv8FyS22zawSq9zs3vjS9bF-xooYOFoo_GiHrnZnCDNoKy-2H7_-cIqogD61J_BQqh2IblC4DQmODErBrZEkzHommLAfTkm"
}
