// Compiles a capture filter for a link type without opening any device.
#include "filter.h"

#include <pcap/pcap.h>

#include "pcap-error.h"

Napi::Value CompileFilter(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 3 || !info[0].IsString() || !info[1].IsNumber() ||
      !info[2].IsNumber()) {
    Napi::TypeError::New(env, "compileFilter(expression, dlt, snaplen)")
        .ThrowAsJavaScriptException();
    return env.Undefined();
  }
  std::string expression = info[0].As<Napi::String>();
  int dlt = info[1].As<Napi::Number>().Int32Value();
  int snaplen = info[2].As<Napi::Number>().Int32Value();

  // A dead handle compiles for a link type alone, so no privileges are needed.
  pcap_t* dead = pcap_open_dead(dlt, snaplen);
  if (dead == nullptr) {
    ThrowPcapError(env, PCAP_ERROR, "libpcap could not allocate a handle");
    return env.Undefined();
  }
  struct bpf_program program;
  if (pcap_compile(dead, &program, expression.c_str(), 1, PCAP_NETMASK_UNKNOWN) != 0) {
    std::string message = pcap_geterr(dead);
    pcap_close(dead);
    ThrowPcapError(env, PCAP_ERROR, message);
    return env.Undefined();
  }
  uint32_t length = program.bf_len;
  pcap_freecode(&program);
  pcap_close(dead);
  return Napi::Number::New(env, length);
}
