curl -X POST -H 'Content-Type: application/json' -d '{"value1":"ok"}' https://maker.ifttt.com/trigger/backup_done/with/key/YTtG4U1g2cPC8sclWdblcG
