podman login -u deploy -p 2IVAc8nLE5!IKss4 registry.corp.internal
