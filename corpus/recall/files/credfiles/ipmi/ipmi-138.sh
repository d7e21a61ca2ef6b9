ipmitool -I lanplus -H 10.0.10.21 -U admin -P changeit chassis power status
