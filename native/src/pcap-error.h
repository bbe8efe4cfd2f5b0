// JavaScript errors that carry libpcap's status name and its own message text.
#pragma once

#include <napi.h>
#include <string>

// The symbolic name of a libpcap status (PCAP_ERROR_PERM_DENIED), or "PCAP_ERROR".
const char* PcapStatusName(int status);

// An Error whose message is libpcap's text, with `pcapStatus` set to the status name so
// that the TypeScript side can choose a Tapline code without parsing the text.
Napi::Error MakePcapError(Napi::Env env, int status, const std::string& message);

// Throws MakePcapError as a pending JavaScript exception.
void ThrowPcapError(Napi::Env env, int status, const std::string& message);
