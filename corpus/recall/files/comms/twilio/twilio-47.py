from twilio.rest import Client

client = Client("AC7c4e20eb4c842137236c4943fd737dbe", "fada286d13742f32ddfeaeea67b9771d")
