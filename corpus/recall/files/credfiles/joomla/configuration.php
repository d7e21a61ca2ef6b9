<?php
class JConfig {
	public $dbtype = 'mysqli';
	public $host = 'localhost';
	public $user = 'joomla';
	public $password = 'ChTA2J.8xlS.ZCm7';
	public $db = 'joomla';
}
