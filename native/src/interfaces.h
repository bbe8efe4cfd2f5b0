// The capture devices libpcap knows (pcap_findalldevs) and the link type each one opens with.
#pragma once

#include <napi.h>

// listInterfaces(): [{ name, description?, flags, index, addresses }] in libpcap's order.
Napi::Value ListInterfaces(const Napi::CallbackInfo& info);

// probeLinkType(name): { dlt, name?, description? }; needs capture privileges.
Napi::Value ProbeLinkType(const Napi::CallbackInfo& info);
