<?php
$db = mysqli_connect('localhost', 'shop', 'J+XoWDq5GGLdbt_7', 'shop');
