curl -H 'Accept: application/vnd.pagerduty+json;version=2' -H 'Authorization: Token token=u+jRQkrFerPUa_j-ugaT' https://api.pagerduty.com/incidents
