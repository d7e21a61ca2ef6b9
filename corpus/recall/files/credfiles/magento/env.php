<?php
return [
    'crypt' => [
        'key' => '45e242791bb7020125962c03b5942b43'
    ],
];
