curl -u rzp_live_bLNLVg75bnVU5K:RDK9PaBJoVrmp68CYnjR0sIx https://api.razorpay.com/v1/payments
