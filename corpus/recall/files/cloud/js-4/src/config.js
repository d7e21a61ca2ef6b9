'use strict';
const commit = "3e129eebc9d115577bea8b5cd69f499dd103f380";
const timeoutMs = 15000;
const osApplicationCredentialSecret = "tvDZoNBC8PgsVZwdMqH8yz869_f3XuX_6dwdI7T2IfsLmQqep9kMK0XqoeGM98ugLRFK1VnFFYKwB9YvpNlKAA";
