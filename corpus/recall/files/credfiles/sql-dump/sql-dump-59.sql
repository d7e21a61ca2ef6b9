INSERT INTO `users` (`id`, `email`, `password`) VALUES (1,'ops@corp.internal','$2y$10$B7VYZneNn2q150CuPE/Mv79SdYB7pG/mq6vDPCuYRmnswKQR5Z17h');
