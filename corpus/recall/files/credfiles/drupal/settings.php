<?php
$settings['hash_salt'] = 'yodXs0LhxOvU2HJDH6q-HvMe66G59zElJR-h-kUPFntW19TGmQ-Nm_nP3ApniO_IFHGL8udFGA';
