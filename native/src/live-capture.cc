// One live libpcap capture, read without blocking Node's event loop, packets handed over in
// batches with the kernel's timestamps.
#include "live-capture.h"

#include <sys/socket.h>

#include <algorithm>
#include <cstring>

#include "pcap-error.h"

namespace {

constexpr int kRecordWords = 5;
// One poll wake-up hands over at most this many batches before yielding to the event
// loop; the descriptor stays readable, so the rest comes on the next turn.
constexpr int kBatchesPerWakeUp = 4;
// The end drains what the kernel already holds; the ring is finite, this only guards
// against a wire that keeps it full forever.
constexpr int kDrainBatches = 256;
// The kernel's block-retire timer ticks every read timeout but retires a partly filled
// block only on the second tick that finds it current, so the last block can wait almost
// two timeouts; a margin covers timer slack.
constexpr int kGraceTimeouts = 2;
constexpr int kGraceMarginMs = 50;

// The TypeScript side checks options for the user; these bounds only keep the native side
// safe from a caller that did not.
double NumberOption(const Napi::Object& options, const char* key, double fallback,
                    double min, double max) {
  Napi::Value value = options.Get(key);
  if (!value.IsNumber()) return fallback;
  double number = value.As<Napi::Number>().DoubleValue();
  return number >= min && number <= max ? number : fallback;
}

bool BoolOption(const Napi::Object& options, const char* key, bool fallback) {
  Napi::Value value = options.Get(key);
  return value.IsBoolean() ? value.As<Napi::Boolean>().Value() : fallback;
}

std::string StringOption(const Napi::Object& options, const char* key) {
  Napi::Value value = options.Get(key);
  return value.IsString() ? value.As<Napi::String>().Utf8Value() : std::string();
}

// libpcap's text for the last failure on a handle, or the status's generic text.
std::string HandleMessage(pcap_t* handle, int status) {
  std::string message = pcap_geterr(handle);
  return message.empty() ? std::string(pcap_statustostr(status)) : message;
}

void ThrowAt(Napi::Env env, int status, const std::string& message, const char* stage) {
  Napi::Error error = MakePcapError(env, status, message);
  error.Set("stage", stage);
  error.ThrowAsJavaScriptException();
}

}  // namespace

Napi::Function LiveCapture::Define(Napi::Env env) {
  return DefineClass(env, "LiveCapture", {
      InstanceMethod<&LiveCapture::Info>("info"),
      InstanceMethod<&LiveCapture::StatsMethod>("stats"),
      InstanceMethod<&LiveCapture::Stop>("stop"),
  });
}

LiveCapture::LiveCapture(const Napi::CallbackInfo& info)
    : Napi::ObjectWrap<LiveCapture>(info), env_(info.Env()) {
  Napi::Env env = info.Env();
  if (info.Length() < 3 || !info[0].IsObject() || !info[1].IsFunction() ||
      !info[2].IsFunction()) {
    Napi::TypeError::New(env, "new LiveCapture(options, onBatch, onEnd)")
        .ThrowAsJavaScriptException();
    return;
  }
  onBatch_ = Napi::Persistent(info[1].As<Napi::Function>());
  onEnd_ = Napi::Persistent(info[2].As<Napi::Function>());
  context_ = std::make_unique<Napi::AsyncContext>(env, "tapline:capture");
  if (!Open(env, info[0].As<Napi::Object>())) return;

  // While packets may still arrive the JavaScript object must outlive every reference the
  // caller holds; Finish() lets it go.
  running_ = true;
  Ref();
}

LiveCapture::~LiveCapture() {
  CloseHandles();
}

bool LiveCapture::Open(Napi::Env env, const Napi::Object& options) {
  device_ = StringOption(options, "device");
  std::string filter = StringOption(options, "filter");
  snaplen_ = static_cast<int>(NumberOption(options, "snaplen", 262144, 1, 262144));
  bool promisc = BoolOption(options, "promisc", true);
  immediate_ = BoolOption(options, "immediate", false);
  timeoutMs_ = static_cast<int>(NumberOption(options, "timeoutMs", 250, 1, 10000));
  int bufferSize = static_cast<int>(NumberOption(options, "bufferSize", 0, 0, 1 << 30));
  bool wantNano = BoolOption(options, "nano", true);
  maxBatchBytes_ = static_cast<size_t>(
      NumberOption(options, "maxBatchBytes", 4 << 20, 1, 256 << 20));
  maxBatchPackets_ = static_cast<size_t>(
      NumberOption(options, "maxBatchPackets", 16384, 1, 1 << 20));
  maxBatchBytes_ = std::max(maxBatchBytes_, static_cast<size_t>(snaplen_));

  char errbuf[PCAP_ERRBUF_SIZE] = {0};
  handle_ = pcap_create(device_.c_str(), errbuf);
  if (handle_ == nullptr) {
    ThrowAt(env, PCAP_ERROR, errbuf, "create");
    return false;
  }
  pcap_set_snaplen(handle_, snaplen_);
  pcap_set_promisc(handle_, promisc ? 1 : 0);
  pcap_set_timeout(handle_, timeoutMs_);
  pcap_set_immediate_mode(handle_, immediate_ ? 1 : 0);
  if (bufferSize > 0) pcap_set_buffer_size(handle_, bufferSize);
  // A device that cannot stamp in nanoseconds still captures, in microseconds.
  if (wantNano) pcap_set_tstamp_precision(handle_, PCAP_TSTAMP_PRECISION_NANO);

  int status = pcap_activate(handle_);
  if (status < 0) {
    std::string message = HandleMessage(handle_, status);
    CloseHandles();
    ThrowAt(env, status, message, "activate");
    return false;
  }
  if (status > 0) warning_ = HandleMessage(handle_, status);
  nano_ = pcap_get_tstamp_precision(handle_) == PCAP_TSTAMP_PRECISION_NANO;
  snaplen_ = pcap_snapshot(handle_);

  if (!filter.empty()) {
    // The netmask matters only to "ip broadcast"; a device without IPv4 still filters.
    bpf_u_int32 net = 0;
    bpf_u_int32 mask = PCAP_NETMASK_UNKNOWN;
    if (pcap_lookupnet(device_.c_str(), &net, &mask, errbuf) != 0) mask = PCAP_NETMASK_UNKNOWN;
    struct bpf_program program;
    if (pcap_compile(handle_, &program, filter.c_str(), 1, mask) != 0) {
      std::string message = HandleMessage(handle_, PCAP_ERROR);
      CloseHandles();
      ThrowAt(env, PCAP_ERROR, message, "filter");
      return false;
    }
    int set = pcap_setfilter(handle_, &program);
    pcap_freecode(&program);
    if (set != 0) {
      std::string message = HandleMessage(handle_, PCAP_ERROR);
      CloseHandles();
      ThrowAt(env, PCAP_ERROR, message, "filter");
      return false;
    }
  }

  if (pcap_setnonblock(handle_, 1, errbuf) != 0) {
    CloseHandles();
    ThrowAt(env, PCAP_ERROR, errbuf, "setnonblock");
    return false;
  }
  int fd = pcap_get_selectable_fd(handle_);
  uv_loop_t* loop = nullptr;
  if (fd < 0 || napi_get_uv_event_loop(env, &loop) != napi_ok || loop == nullptr) {
    CloseHandles();
    ThrowAt(env, PCAP_ERROR, "this device has no descriptor that can be polled", "poll");
    return false;
  }
  poll_ = new uv_poll_t;
  int initialized = uv_poll_init(loop, poll_, fd);
  if (initialized == 0) {
    poll_->data = this;
    initialized = uv_poll_start(poll_, UV_READABLE, OnReadable);
  }
  if (initialized != 0) {
    CloseHandles();
    ThrowAt(env, PCAP_ERROR, uv_strerror(initialized), "poll");
    return false;
  }
  data_.reserve(std::min<size_t>(maxBatchBytes_, 1 << 20));
  return true;
}

void LiveCapture::OnPacket(u_char* user, const struct pcap_pkthdr* header,
                           const u_char* bytes) {
  LiveCapture* self = reinterpret_cast<LiveCapture*>(user);
  uint32_t fraction = static_cast<uint32_t>(header->ts.tv_usec);
  uint32_t nanoseconds = self->nano_ ? fraction : fraction * 1000;
  self->records_.push_back(static_cast<uint32_t>(self->data_.size()));
  self->records_.push_back(header->caplen);
  self->records_.push_back(header->len);
  self->records_.push_back(static_cast<uint32_t>(header->ts.tv_sec));
  self->records_.push_back(nanoseconds);
  self->data_.insert(self->data_.end(), bytes, bytes + header->caplen);
}

int LiveCapture::Collect() {
  size_t snaplen = static_cast<size_t>(std::max(snaplen_, 1));
  for (;;) {
    size_t packets = records_.size() / kRecordWords;
    if (packets >= maxBatchPackets_ || data_.size() + snaplen > maxBatchBytes_) return 1;
    // Ask for no more packets than surely fit, so a batch never outgrows its limits.
    size_t room = (maxBatchBytes_ - data_.size()) / snaplen;
    size_t count = std::min(maxBatchPackets_ - packets, room);
    int got = pcap_dispatch(handle_, static_cast<int>(count), OnPacket,
                            reinterpret_cast<u_char*>(this));
    if (got < 0) return got;
    if (got == 0) return 0;
  }
}

void LiveCapture::EmitBatch() {
  if (records_.empty()) return;
  Napi::Env env = env_;
  Napi::HandleScope scope(env);
  Napi::Buffer<uint8_t> data = Napi::Buffer<uint8_t>::Copy(env, data_.data(), data_.size());
  Napi::ArrayBuffer wordsBuffer =
      Napi::ArrayBuffer::New(env, records_.size() * sizeof(uint32_t));
  std::copy(records_.begin(), records_.end(), static_cast<uint32_t*>(wordsBuffer.Data()));
  Napi::Uint32Array words = Napi::Uint32Array::New(env, records_.size(), wordsBuffer, 0);
  data_.clear();
  records_.clear();

  onBatch_.MakeCallback(Value(), {data, words}, *context_);
  if (env.IsExceptionPending()) {
    // Nothing on the JavaScript stack can catch it here: report it as uncaught.
    Napi::Error error = env.GetAndClearPendingException();
    napi_fatal_exception(env, error.Value());
  }
}

void LiveCapture::OnReadable(uv_poll_t* poll, int status, int /*events*/) {
  LiveCapture* self = static_cast<LiveCapture*>(poll->data);
  if (self == nullptr || !self->running_) return;
  Napi::Env env = self->env_;
  Napi::HandleScope scope(env);

  int result = 0;
  for (int round = 0; round < kBatchesPerWakeUp; round++) {
    result = self->Collect();
    self->EmitBatch();
    if (!self->running_) return;
    if (result <= 0) break;
  }
  if (self->ending_) {
    // An error while waiting out the grace: keep the first one and stop polling, which
    // would otherwise wake the loop until the grace ends.
    if (result < 0 || status < 0) {
      uv_poll_stop(poll);
      if (self->endError_.IsEmpty()) {
        std::string message = result < 0 ? HandleMessage(self->handle_, result)
                                         : self->SocketError(status);
        Napi::Value failure =
            MakePcapError(env, result < 0 ? result : PCAP_ERROR, message).Value();
        self->endError_ = Napi::Persistent(failure);
      }
    }
    return;
  }
  if (result < 0) {
    std::string message = HandleMessage(self->handle_, result);
    self->BeginEnd(env, MakePcapError(env, result, message).Value());
  } else if (status < 0) {
    // libuv saw POLLERR that libpcap did not report (an interface taken down, on Linux):
    // the socket's pending error says what happened.
    self->BeginEnd(env, MakePcapError(env, PCAP_ERROR, self->SocketError(status)).Value());
  }
}

std::string LiveCapture::SocketError(int uvStatus) {
  int error = 0;
  socklen_t length = sizeof error;
  int fd = handle_ == nullptr ? -1 : pcap_get_selectable_fd(handle_);
  if (fd >= 0 && getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) == 0 && error != 0) {
    return std::strerror(error);
  }
  // libuv reports POLLERR as UV_EBADF, whose text would wrongly blame the descriptor.
  if (uvStatus == UV_EBADF) return "the capture socket signalled an error condition";
  return uv_strerror(uvStatus);
}

void LiveCapture::BeginEnd(Napi::Env env, Napi::Value error) {
  if (!running_ || ending_) return;
  ending_ = true;
  // References hold objects only; a null error is simply no reference.
  if (error.IsObject()) endError_ = Napi::Persistent(error);
  // After an error the descriptor would wake the loop again and again.
  if (!error.IsNull()) uv_poll_stop(poll_);
  if (immediate_) return Drain(env);

  uv_loop_t* loop = nullptr;
  napi_get_uv_event_loop(env, &loop);
  graceTimer_ = new uv_timer_t;
  uv_timer_init(loop, graceTimer_);
  graceTimer_->data = this;
  uv_timer_start(graceTimer_, OnGraceOver, kGraceTimeouts * timeoutMs_ + kGraceMarginMs, 0);
}

void LiveCapture::OnGraceOver(uv_timer_t* timer) {
  LiveCapture* self = static_cast<LiveCapture*>(timer->data);
  if (self == nullptr || !self->running_) return;
  Napi::HandleScope scope(self->env_);
  self->Drain(self->env_);
}

void LiveCapture::Drain(Napi::Env env) {
  // Polling stops first so that no wake-up runs between the drain and the close.
  uv_poll_stop(poll_);
  Napi::Value error = endError_.IsEmpty() ? env.Null() : endError_.Value();
  for (int round = 0; round < kDrainBatches; round++) {
    int result = Collect();
    EmitBatch();
    if (!running_) return;
    if (result == 0) break;
    if (result < 0) {
      // The first error is the one the user needs; a later one only repeats it.
      if (error.IsNull()) {
        error = MakePcapError(env, result, HandleMessage(handle_, result)).Value();
      }
      break;
    }
  }
  Finish(env, error);
}

void LiveCapture::ReadStats() {
  struct pcap_stat counters;
  if (handle_ == nullptr || pcap_stats(handle_, &counters) != 0) return;
  stats_.received = counters.ps_recv;
  stats_.dropped = counters.ps_drop;
  stats_.ifDropped = counters.ps_ifdrop;
}

Napi::Object LiveCapture::StatsObject(Napi::Env env) const {
  Napi::Object result = Napi::Object::New(env);
  result.Set("received", stats_.received);
  result.Set("dropped", stats_.dropped);
  result.Set("ifDropped", stats_.ifDropped);
  return result;
}

void LiveCapture::Finish(Napi::Env env, Napi::Value error) {
  if (!running_) return;
  running_ = false;
  EmitBatch();
  ReadStats();
  CloseHandles();
  endError_.Reset();
  Unref();

  onEnd_.MakeCallback(Value(), {error, StatsObject(env)}, *context_);
  if (env.IsExceptionPending()) {
    Napi::Error thrown = env.GetAndClearPendingException();
    napi_fatal_exception(env, thrown.Value());
  }
}

void LiveCapture::CloseHandles() {
  if (graceTimer_ != nullptr) {
    uv_timer_stop(graceTimer_);
    uv_close(reinterpret_cast<uv_handle_t*>(graceTimer_), [](uv_handle_t* handle) {
      delete reinterpret_cast<uv_timer_t*>(handle);
    });
    graceTimer_ = nullptr;
  }
  if (poll_ != nullptr) {
    uv_poll_stop(poll_);
    uv_close(reinterpret_cast<uv_handle_t*>(poll_), [](uv_handle_t* handle) {
      delete reinterpret_cast<uv_poll_t*>(handle);
    });
    poll_ = nullptr;
  }
  // uv_poll_stop removed the descriptor from the loop, so closing it now is safe.
  if (handle_ != nullptr) {
    pcap_close(handle_);
    handle_ = nullptr;
  }
}

Napi::Value LiveCapture::Info(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Object result = Napi::Object::New(env);
  result.Set("device", device_);
  result.Set("snaplen", snaplen_);
  result.Set("precision", nano_ ? "nano" : "micro");
  result.Set("running", running_ && !ending_);
  if (handle_ != nullptr) {
    int dlt = pcap_datalink(handle_);
    result.Set("dlt", dlt);
    const char* name = pcap_datalink_val_to_name(dlt);
    if (name != nullptr) result.Set("dltName", name);
  }
  if (!warning_.empty()) result.Set("warning", warning_);
  return result;
}

Napi::Value LiveCapture::StatsMethod(const Napi::CallbackInfo& info) {
  ReadStats();
  return StatsObject(info.Env());
}

Napi::Value LiveCapture::Stop(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  BeginEnd(env, env.Null());
  return env.Undefined();
}
