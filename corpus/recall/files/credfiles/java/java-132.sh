keytool -importcert -file ca.crt -keystore truststore.jks -storepass password -noprompt
