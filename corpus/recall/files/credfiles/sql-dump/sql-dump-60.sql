INSERT INTO public.accounts (id, login, password_hash) VALUES
  (7, 'billing', '$argon2id$v=19$m=65536,t=3,p=4$hn0wPflfgQnoatv5Jdi+MQ$BDNCH37orAe+xTMpQZph/V3YYjCeunKdzefbJp2z1kg');
