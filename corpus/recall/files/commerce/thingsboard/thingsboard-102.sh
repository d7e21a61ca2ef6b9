curl -v -X POST https://tb.acme.io/api/v1/YNVj4aROVScSfjecpEvI/telemetry --header Content-Type:application/json --data "{temperature:25}"
