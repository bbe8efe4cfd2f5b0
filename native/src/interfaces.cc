// The capture devices libpcap knows (pcap_findalldevs) and the link type each one opens with.
#include "interfaces.h"

#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <pcap/pcap.h>

#include "pcap-error.h"

namespace {

// Text form of an IPv4 or IPv6 socket address; undefined for other families.
Napi::Value AddressText(Napi::Env env, const struct sockaddr* address) {
  if (address == nullptr) return env.Undefined();
  char text[INET6_ADDRSTRLEN] = {0};
  const void* bytes = nullptr;
  if (address->sa_family == AF_INET) {
    bytes = &reinterpret_cast<const struct sockaddr_in*>(address)->sin_addr;
  } else if (address->sa_family == AF_INET6) {
    bytes = &reinterpret_cast<const struct sockaddr_in6*>(address)->sin6_addr;
  } else {
    return env.Undefined();
  }
  if (inet_ntop(address->sa_family, bytes, text, sizeof text) == nullptr) {
    return env.Undefined();
  }
  return Napi::String::New(env, text);
}

Napi::Array Addresses(Napi::Env env, const pcap_addr_t* first) {
  Napi::Array list = Napi::Array::New(env);
  uint32_t count = 0;
  for (const pcap_addr_t* entry = first; entry != nullptr; entry = entry->next) {
    // Link-layer (AF_PACKET) entries are skipped: only IP addresses are shown.
    if (entry->addr == nullptr) continue;
    int family = entry->addr->sa_family;
    if (family != AF_INET && family != AF_INET6) continue;
    Napi::Object item = Napi::Object::New(env);
    item.Set("family", family == AF_INET ? "inet" : "inet6");
    item.Set("address", AddressText(env, entry->addr));
    item.Set("netmask", AddressText(env, entry->netmask));
    item.Set("broadcast", AddressText(env, entry->broadaddr));
    item.Set("destination", AddressText(env, entry->dstaddr));
    list.Set(count++, item);
  }
  return list;
}

}  // namespace

Napi::Value ListInterfaces(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  char errbuf[PCAP_ERRBUF_SIZE] = {0};
  pcap_if_t* devices = nullptr;
  if (pcap_findalldevs(&devices, errbuf) != 0) {
    ThrowPcapError(env, PCAP_ERROR, errbuf);
    return env.Undefined();
  }

  Napi::Array list = Napi::Array::New(env);
  uint32_t count = 0;
  for (pcap_if_t* device = devices; device != nullptr; device = device->next) {
    Napi::Object item = Napi::Object::New(env);
    item.Set("name", device->name);
    if (device->description != nullptr) item.Set("description", device->description);
    item.Set("flags", Napi::Number::New(env, device->flags));
    item.Set("index", Napi::Number::New(env, if_nametoindex(device->name)));
    item.Set("addresses", Addresses(env, device->addresses));
    list.Set(count++, item);
  }
  pcap_freealldevs(devices);
  return list;
}

Napi::Value ProbeLinkType(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsString()) {
    Napi::TypeError::New(env, "device name must be a string").ThrowAsJavaScriptException();
    return env.Undefined();
  }
  std::string name = info[0].As<Napi::String>();
  char errbuf[PCAP_ERRBUF_SIZE] = {0};
  pcap_t* handle = pcap_create(name.c_str(), errbuf);
  if (handle == nullptr) {
    ThrowPcapError(env, PCAP_ERROR, errbuf);
    return env.Undefined();
  }

  // A tiny ring: this handle only answers which link type the device opens with.
  pcap_set_snaplen(handle, 96);
  pcap_set_buffer_size(handle, 64 * 1024);
  int status = pcap_activate(handle);
  if (status < 0) {
    std::string message = pcap_geterr(handle);
    if (message.empty()) message = pcap_statustostr(status);
    pcap_close(handle);
    ThrowPcapError(env, status, message);
    return env.Undefined();
  }

  int dlt = pcap_datalink(handle);
  pcap_close(handle);
  Napi::Object result = Napi::Object::New(env);
  result.Set("dlt", Napi::Number::New(env, dlt));
  const char* dltName = pcap_datalink_val_to_name(dlt);
  const char* dltDescription = pcap_datalink_val_to_description(dlt);
  if (dltName != nullptr) result.Set("name", dltName);
  if (dltDescription != nullptr) result.Set("description", dltDescription);
  return result;
}
