terraform {
  cloud {
    organization = "example"
  }
}

provider "azurerm" {
  features {}
  client_id     = "00000000-0000-0000-0000-000000000000"
  client_secret = "CPs8Q~gs~grN8GoVxR7cI6M38cVn8hocu-iTQfng"
}

variable "tfe_token" {
  default = "kelEufov57Q8nu.atlasv1.wAYCY6U15Mg6scc7usQ9kIUKYSqtV7dFzSMu6SWoUnvNPsJZKDIerMwDz1KVBz8Q1wS"
}
