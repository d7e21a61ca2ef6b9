oc login https://api.ocp.corp.internal:6443 -u deployer -p z9_-d8FuZp.FT079
