// One live libpcap capture, read without blocking Node's event loop, packets handed over in
// batches with the kernel's timestamps.
#pragma once

#include <napi.h>
#include <pcap/pcap.h>
#include <uv.h>

#include <memory>
#include <string>
#include <vector>

// new LiveCapture(options, onBatch, onEnd)
//   onBatch(data: Buffer, records: Uint32Array): five numbers per packet, in this order:
//     offset into data, caplen, len, seconds, nanoseconds.
//   onEnd(error | null, stats): once, after stop() or an error from libpcap, when every
//     packet the kernel had taken was handed over.
// Methods: info(), stats(), stop().
class LiveCapture : public Napi::ObjectWrap<LiveCapture> {
 public:
  static Napi::Function Define(Napi::Env env);

  explicit LiveCapture(const Napi::CallbackInfo& info);
  ~LiveCapture() override;

 private:
  struct Stats {
    double received = 0;
    double dropped = 0;
    double ifDropped = 0;
  };

  bool Open(Napi::Env env, const Napi::Object& options);
  Napi::Value Info(const Napi::CallbackInfo& info);
  Napi::Value StatsMethod(const Napi::CallbackInfo& info);
  Napi::Value Stop(const Napi::CallbackInfo& info);

  static void OnReadable(uv_poll_t* poll, int status, int events);
  static void OnGraceOver(uv_timer_t* timer);
  static void OnPacket(u_char* user, const struct pcap_pkthdr* header, const u_char* bytes);

  // Reads what libpcap has ready into the batch, up to the batch limits. Returns 0 when
  // nothing more is ready, 1 when the batch filled up, or a negative libpcap status.
  int Collect();
  void EmitBatch();
  void ReadStats();
  Napi::Object StatsObject(Napi::Env env) const;
  // Ends the capture: last batch out, statistics kept, handle closed, onEnd called.
  void Finish(Napi::Env env, Napi::Value error);
  // Ends now in immediate mode; otherwise after the kernel retired its last partly filled
  // block, which happens within two read timeouts.
  void BeginEnd(Napi::Env env, Napi::Value error);
  void Drain(Napi::Env env);
  // The text of the capture socket's pending error, or of libuv's status without one.
  std::string SocketError(int uvStatus);
  void CloseHandles();

  Napi::Env env_;
  pcap_t* handle_ = nullptr;
  uv_poll_t* poll_ = nullptr;
  uv_timer_t* graceTimer_ = nullptr;
  bool running_ = false;
  bool ending_ = false;
  bool immediate_ = false;
  int timeoutMs_ = 0;
  Napi::Reference<Napi::Value> endError_;
  bool nano_ = false;
  int snaplen_ = 0;
  std::string device_;
  std::string warning_;
  size_t maxBatchBytes_ = 4 * 1024 * 1024;
  size_t maxBatchPackets_ = 16384;
  std::vector<uint8_t> data_;
  std::vector<uint32_t> records_;
  Stats stats_;
  Napi::FunctionReference onBatch_;
  Napi::FunctionReference onEnd_;
  std::unique_ptr<Napi::AsyncContext> context_;
};
