echo '3M+YHOk9ig!J.yO5' | docker login -u deploy --password-stdin registry.corp.internal
