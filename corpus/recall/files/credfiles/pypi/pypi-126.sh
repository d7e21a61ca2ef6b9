twine upload --repository-url https://nexus.corp.internal/repository/pypi/ -u ci -p OGBsIxrX9CC*_Fn7 dist/*
