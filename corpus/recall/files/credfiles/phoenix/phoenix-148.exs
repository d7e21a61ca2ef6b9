config :shop, ShopWeb.Endpoint,
  url: [host: "shop.corp.internal"],
  secret_key_base: "PKzooZCLZzyWuVhvYB/Lvj3GveIIM65yviZGUH8jKbUGrWyCcsmh1G+fSxJAG900"
