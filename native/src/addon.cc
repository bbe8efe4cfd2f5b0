// Entry point of tapline_pcap.node: Tapline's own libpcap binding on Node-API.
#include <napi.h>
#include <pcap/pcap.h>

#include "filter.h"
#include "interfaces.h"
#include "live-capture.h"

namespace {

Napi::Value LibraryVersion(const Napi::CallbackInfo& info) {
  return Napi::String::New(info.Env(), pcap_lib_version());
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("listInterfaces", Napi::Function::New<ListInterfaces>(env, "listInterfaces"));
  exports.Set("probeLinkType", Napi::Function::New<ProbeLinkType>(env, "probeLinkType"));
  exports.Set("compileFilter", Napi::Function::New<CompileFilter>(env, "compileFilter"));
  exports.Set("libraryVersion", Napi::Function::New<LibraryVersion>(env, "libraryVersion"));
  exports.Set("LiveCapture", LiveCapture::Define(env));
  return exports;
}

}  // namespace

NODE_API_MODULE(tapline_pcap, Init)
