curl -X POST https://api.infobip.com/sms/2/text/advanced -H 'Authorization: App 622b3eace9b0754843ca8b858ffffd48-7601c35e-9739-4dd7-bcfb-3bba859bef05' -d @sms.json
