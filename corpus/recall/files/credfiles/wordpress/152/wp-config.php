<?php
define('AUTH_KEY',         'MSL!TN$Ldce]h3)jqTT4p{[s`[:`3Pu^}EG4b2Gx#`hJ$=uML?-rbjB<J7[u;X-%');
