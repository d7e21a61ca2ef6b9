#!/bin/sh
sid=AC83cca83c97062431283fd42ca660dc43
curl -X POST "https://api.twilio.com/2010-04-01/Accounts/$sid/Messages.json" -u AC484d8b47648111267d080c437ed8b4de:9786785e137a61643c6392d296b3e014
