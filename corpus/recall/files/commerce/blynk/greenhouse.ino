#define BLYNK_TEMPLATE_ID "TMPLxE8zInv4e"
#define BLYNK_TEMPLATE_NAME "Greenhouse"
#define BLYNK_AUTH_TOKEN "yIxejKNK6_qy8tM4h0065GI69VQ5OTXz"

#include <BlynkSimpleEsp32.h>
