# Least privilege for the production deploy job.
path "secret/data/ci/production/*" {
  capabilities = ["read"]
}

/* Other environments are off limits even where paths overlap. */
path "secret/data/ci/staging/*" {
  capabilities = ["deny"]
}
