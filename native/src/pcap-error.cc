// JavaScript errors that carry libpcap's status name and its own message text.
#include "pcap-error.h"

#include <pcap/pcap.h>

const char* PcapStatusName(int status) {
  switch (status) {
    case PCAP_ERROR_BREAK: return "PCAP_ERROR_BREAK";
    case PCAP_ERROR_NOT_ACTIVATED: return "PCAP_ERROR_NOT_ACTIVATED";
    case PCAP_ERROR_ACTIVATED: return "PCAP_ERROR_ACTIVATED";
    case PCAP_ERROR_NO_SUCH_DEVICE: return "PCAP_ERROR_NO_SUCH_DEVICE";
    case PCAP_ERROR_RFMON_NOTSUP: return "PCAP_ERROR_RFMON_NOTSUP";
    case PCAP_ERROR_NOT_RFMON: return "PCAP_ERROR_NOT_RFMON";
    case PCAP_ERROR_PERM_DENIED: return "PCAP_ERROR_PERM_DENIED";
    case PCAP_ERROR_IFACE_NOT_UP: return "PCAP_ERROR_IFACE_NOT_UP";
    case PCAP_ERROR_CANTSET_TSTAMP_TYPE: return "PCAP_ERROR_CANTSET_TSTAMP_TYPE";
    case PCAP_ERROR_PROMISC_PERM_DENIED: return "PCAP_ERROR_PROMISC_PERM_DENIED";
    case PCAP_ERROR_TSTAMP_PRECISION_NOTSUP: return "PCAP_ERROR_TSTAMP_PRECISION_NOTSUP";
    default: return "PCAP_ERROR";
  }
}

Napi::Error MakePcapError(Napi::Env env, int status, const std::string& message) {
  Napi::Error error = Napi::Error::New(env, message);
  error.Set("pcapStatus", Napi::String::New(env, PcapStatusName(status)));
  error.Set("pcapMessage", Napi::String::New(env, message));
  return error;
}

void ThrowPcapError(Napi::Env env, int status, const std::string& message) {
  MakePcapError(env, status, message).ThrowAsJavaScriptException();
}
