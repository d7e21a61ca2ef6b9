java -Djavax.net.ssl.keyStorePassword=X*eLF2!3F53N79o2 -jar app.jar
