/*
 * The bench's loopback flood: Ethernet/IPv4/UDP frames from and to 127.0.0.1, destination
 * PORT, written onto the lo device through a packet socket, at a fixed average rate for a
 * fixed time. capture-flood.ts compiles it with gcc into a temp folder at run time.
 *
 * Usage: udp-flood PORT PACKETS_PER_SECOND SECONDS
 * Prints one line of JSON at the end: packets sent, seconds taken, failed sends, how far
 * behind schedule it fell at worst, and the CPU time it used (the kernel's delivery of each
 * frame to lo and to the packet sockets listening there is mostly charged to the sender).
 *
 * Why not a UDP socket: on this kind of machine a UDP socket tops out near 150,000 datagrams
 * a second, a packet socket (what tcpreplay uses) near twice that, and the flood should
 * leave the CPU to the captures it measures. Why not tcpreplay: its pacing fell to ~73,000 a
 * second under load. Here pacing keeps to a schedule: each turn sends what the clock says is
 * due, in batches through sendmmsg, so a turn lost to a busy CPU is made up in the next ones.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define PAYLOAD_BYTES 64
#define FRAME_BYTES (14 + 20 + 8 + PAYLOAD_BYTES)
#define BATCH 64
#define IDLE_NS 200000L

static double now_seconds(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static long parse_positive(const char *text, const char *what) {
  char *end = NULL;
  long value = strtol(text, &end, 10);
  if (*text == '\0' || *end != '\0' || value <= 0) {
    fprintf(stderr, "udp-flood: %s must be a positive whole number, not '%s'\n", what, text);
    exit(2);
  }
  return value;
}

static void put16(unsigned char *at, unsigned value) {
  at[0] = (unsigned char)(value >> 8);
  at[1] = (unsigned char)value;
}

/* Zero MAC addresses (lo ignores them), IPv4 127.0.0.1 to itself, UDP without a checksum. */
static void build_frame(unsigned char *frame, int port, uint32_t sequence) {
  memset(frame, 0, FRAME_BYTES);
  put16(frame + 12, 0x0800);
  unsigned char *ip = frame + 14;
  ip[0] = 0x45;
  put16(ip + 2, 20 + 8 + PAYLOAD_BYTES);
  put16(ip + 4, sequence & 0xffff);
  ip[8] = 64;
  ip[9] = 17;
  const unsigned char loopback[4] = { 127, 0, 0, 1 };
  memcpy(ip + 12, loopback, 4);
  memcpy(ip + 16, loopback, 4);
  uint32_t sum = 0;
  for (int i = 0; i < 20; i += 2) sum += (uint32_t)(ip[i] << 8 | ip[i + 1]);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >> 16);
  put16(ip + 10, ~sum & 0xffff);
  unsigned char *udp = ip + 20;
  put16(udp, 40000 + sequence % 1000);
  put16(udp + 2, (unsigned)port);
  put16(udp + 4, 8 + PAYLOAD_BYTES);
  /* The sequence number keeps every packet distinct. */
  memcpy(udp + 8, &sequence, sizeof sequence);
}

/* Bound to lo with protocol 0: it can only send there, and receives nothing back. */
static int open_loopback_socket(void) {
  int fd = socket(AF_PACKET, SOCK_RAW, 0);
  if (fd < 0) { perror("udp-flood: packet socket (needs root or CAP_NET_RAW)"); exit(1); }
  struct sockaddr_ll device = { .sll_family = AF_PACKET };
  device.sll_ifindex = (int)if_nametoindex("lo");
  if (device.sll_ifindex == 0 || bind(fd, (struct sockaddr *)&device, sizeof device) != 0) {
    perror("udp-flood: bind to lo"); exit(1);
  }
  return fd;
}

int main(int argc, char **argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: udp-flood PORT PACKETS_PER_SECOND SECONDS\n");
    return 2;
  }
  long port = parse_positive(argv[1], "PORT");
  long rate = parse_positive(argv[2], "PACKETS_PER_SECOND");
  long seconds = parse_positive(argv[3], "SECONDS");
  if (port > 65535) { fprintf(stderr, "udp-flood: PORT above 65535\n"); return 2; }
  int fd = open_loopback_socket();

  static unsigned char frames[BATCH][FRAME_BYTES];
  struct iovec parts[BATCH];
  struct mmsghdr messages[BATCH];
  memset(messages, 0, sizeof messages);
  for (int i = 0; i < BATCH; i++) {
    parts[i].iov_base = frames[i];
    parts[i].iov_len = FRAME_BYTES;
    messages[i].msg_hdr.msg_iov = &parts[i];
    messages[i].msg_hdr.msg_iovlen = 1;
  }

  const long long total = (long long)rate * seconds;
  long long sent = 0, failures = 0;
  double worst_lag = 0;
  const double start = now_seconds();
  double last = start;
  while (sent < total) {
    last = now_seconds();
    long long due = (long long)((last - start) * (double)rate);
    if (due > total) due = total;
    if (due <= sent) {
      struct timespec pause = { 0, IDLE_NS };
      nanosleep(&pause, NULL);
      continue;
    }
    double lag = (double)(due - sent) / (double)rate;
    if (lag > worst_lag) worst_lag = lag;
    int count = due - sent > BATCH ? BATCH : (int)(due - sent);
    for (int i = 0; i < count; i++) build_frame(frames[i], (int)port, (uint32_t)(sent + i));
    int done = sendmmsg(fd, messages, (unsigned)count, 0);
    if (done < 0) {
      if (errno != ENOBUFS && errno != EAGAIN) { perror("udp-flood: sendmmsg"); return 1; }
      /* The socket's send buffer is full: wait a moment and send the same frames again. */
      failures++;
      struct timespec pause = { 0, IDLE_NS };
      nanosleep(&pause, NULL);
      continue;
    }
    sent += done;
  }
  struct rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  double cpu = (double)(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
    (double)(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  printf("{\"sent\":%lld,\"seconds\":%.6f,\"failedSends\":%lld,\"worstLagSeconds\":%.6f,"
    "\"cpuSeconds\":%.3f}\n", sent, last - start, failures, worst_lag, cpu);
  close(fd);
  return 0;
}
