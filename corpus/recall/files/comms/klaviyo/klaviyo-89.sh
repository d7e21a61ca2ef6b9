curl https://a.klaviyo.com/api/lists/ -H 'Authorization: Klaviyo-API-Key pk_8d4a1f48c9765ab6418e8e4c47ff316c4d' -H 'revision: 2024-10-15'
