openssl pkcs12 -export -in tls.crt -inkey tls.key -out tls.p12 -passout pass:5f_KZqg0.cNpQ~-5
