// Compiles a capture filter for a link type without opening any device.
#pragma once

#include <napi.h>

// compileFilter(expression, dlt, snaplen, optimize): number of BPF instructions, or throws
// an Error whose message is libpcap's own text.
Napi::Value CompileFilter(const Napi::CallbackInfo& info);
