resource "example_service" "app" {
  region = "eu-west-1"
  request_id = "c1f01b48-171d-46e9-9d9c-855edd2a2146"
  gitlab_token = "skwurxigCP2D4q02tKnS"
  password = var.db_password
  instance_type = "t3.small"
  jira_api_token = "ATATT3xFfGF0e9AlzCUNVtGyis6il35sRh_t_3IlJRdMxf8oPlyLWfDYiYPN3sEnBjFoWmIya5IToQOz5YZGOwI3jD6_XHGPTR09g4gOae6yqSzmCc0_mv0O0vF7T2VkxZRsWtjHwvY9lYzlOCehTM1m489fGulIhhKhPQoWbbESWa16l5LkS7R=22A1E765"
  token = data.vault_generic_secret.ci.data["token"]
  secret_name = "app-credentials"
  circleci_api_token = "ce83fca0fb1660b4cb9638d03af9f25a89f947c8"
  request_id = "c1f01b48-171d-46e9-9d9c-855edd2a2146"
  region = "eu-west-1"
  buildkite_agent_access_token = "bkaj_eyJhbGciOiJIUzUxMiJ9.eyJsms6SV-IUIfS_R1dKHgJ_jpWS-phFiM6rWurLdSn69YmP7sLdADeXiIbVKC4XSAZlzhw4ZVNGmdPhzpKP2_Eizh4CYAQr6Q-YrEjbaTLHvxXhEP9dJ450qV-lzKQqnUUOC7FoDwZ9xvlEOTeXLgJFfs9eJLkpNfEhiV6p_oLPmT-m696LjKKedtNrjL_XbmtPV8wjSoPAJ4hWH2-VrgB7gfqFbgawNjZtn0pBf3ZwRaCc_5VyHug4PFD89h8-jpzuaHnJ6GPB56hOS5D1IPr2Iwxkvd3eCgg51rxsiViNTB8.D1B_ZmnwVfJw0lA3JiuvQa80x4Jd1CPEUDOYP2HWXd4R4iiqk8tt_sIwK8nquF-OwMLKRxtwZeOENdy7eAfU1g"
  instance_type = "t3.small"
  password = var.db_password
  sonar_token = "sqp_2b2cfd45d0827faf66c47dc7a526343a1ca0babf"
}
