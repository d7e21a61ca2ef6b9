<?php
define( 'DB_NAME', 'wordpress' );
define( 'DB_USER', 'wp' );
define( 'DB_PASSWORD', 'postgres' );
define( 'DB_HOST', 'localhost' );
