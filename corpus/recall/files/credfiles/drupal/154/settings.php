<?php
$databases['default']['default'] = [
  'database' => 'drupal',
  'username' => 'drupal',
  'password' => 'sbGy5Q_q06F!9YI6',
  'host' => 'db',
  'driver' => 'mysql',
];
