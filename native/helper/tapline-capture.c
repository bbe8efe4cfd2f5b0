/*
 * tapline-capture: Tapline's capture helper, the one program that needs capture rights.
 *
 * It opens one interface with libpcap, sets the filter, gives up every privilege it holds
 * (capabilities, a setuid root, a setgid group), and only then writes packets, as pcapng
 * (or classic pcap with -P) on standard output. It stops on SIGTERM, SIGINT or SIGHUP, at
 * the end of standard input when that is a pipe or socket (so it ends with its parent),
 * or after -c packets; it then ends the pcapng stream with an Interface Statistics Block
 * and prints libpcap's counters as its last line on standard error. With -L it only
 * prints the interface's link type, for the app to compile filters against.
 *
 * It is meant to carry file capabilities (setcap cap_net_raw,cap_net_admin=ep) and to be
 * executable by one group only, as Wireshark's dumpcap is. Everything it prints on
 * standard error starts with "tapline-capture: "; a failure prints one line and exits
 * with a code that says what went wrong (EXIT_* below, docs/CAPTURE.md).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/capability.h>
#include <net/if.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <pcap/pcap.h>

enum {
  EXIT_OPEN_FAILED = 1,
  EXIT_USAGE = 2,
  EXIT_NO_SUCH_INTERFACE = 3,
  EXIT_PERMISSION = 4,
  EXIT_BAD_FILTER = 5,
  EXIT_INTERFACE_DOWN = 6,
  EXIT_READ_FAILED = 7,
  EXIT_OUTPUT_FAILED = 8,
  EXIT_PRIVILEGES = 9,
};

#define PROGRAM "tapline-capture"
#define MAX_SNAPLEN 262144
#define MAX_NAME_BYTES 255
#define MAX_FILTER_BYTES 65000
/* Output is written when this much is buffered, and after every wake-up. */
#define FLUSH_BYTES (1u << 20)
/* Statistics blocks go out this often while the counters change. */
#define STATS_INTERVAL_MS 1000
/* One wake-up reads at most this many rounds before looking at signals and stdin again. */
#define ROUNDS_PER_WAKEUP 64

struct options {
  const char* device;
  const char* filter;
  int snaplen;
  int buffer_kib;
  long long count; /* 0: no limit */
  int promiscuous;
  int classic_pcap;
  int link_type_only;
  int immediate;
  int timeout_ms;
};

struct output {
  unsigned char* bytes;
  size_t length;
  size_t capacity;
};

struct capture {
  pcap_t* handle;
  struct options options;
  struct output out;
  int nano;
  long long packets;
  struct pcap_stat last_stats;
};

static volatile sig_atomic_t stop_requested = 0;
static int wake_pipe[2] = {-1, -1};

static void say_list(const char* format, va_list args) {
  fputs(PROGRAM ": ", stderr);
  vfprintf(stderr, format, args);
  fputc('\n', stderr);
}

static void say(const char* format, ...) {
  va_list args;
  va_start(args, format);
  say_list(format, args);
  va_end(args);
}

__attribute__((noreturn)) static void fail(int code, const char* format, ...) {
  va_list args;
  va_start(args, format);
  say_list(format, args);
  va_end(args);
  exit(code);
}

static void usage(FILE* to) {
  fputs("usage: " PROGRAM " -i INTERFACE [-f FILTER] [-s SNAPLEN] [-B BUFFER_KIB] [-c COUNT]"
        " [-t MS] [-I] [-p] [-P] [-L]\n"
        "  -i INTERFACE  the device to capture on (as tcpdump -D names it)\n"
        "  -f FILTER     a libpcap capture filter\n"
        "  -s SNAPLEN    bytes kept of each packet, 1 to 262144 (262144)\n"
        "  -B KIB        kernel buffer in KiB (32768)\n"
        "  -c COUNT      stop after COUNT packets\n"
        "  -t MS         the kernel hands over its blocks of packets at least this often (100)\n"
        "  -I            immediate mode: every packet as it arrives (needs a larger -B)\n"
        "  -p            do not put the interface in promiscuous mode\n"
        "  -P            write classic pcap instead of pcapng\n"
        "  -L            print the interface's link type (DLT number and name) and exit\n"
        "Writes the capture to standard output; SIGTERM, SIGINT or the end of a piped\n"
        "standard input stops it.\n", to);
}

static long long number_option(char letter, const char* text, long long min, long long max) {
  char* end = NULL;
  errno = 0;
  long long value = strtoll(text, &end, 10);
  if (errno != 0 || end == text || *end != '\0' || value < min || value > max) {
    fail(EXIT_USAGE, "-%c wants a whole number from %lld to %lld, not '%s'", letter, min, max,
         text);
  }
  return value;
}

static struct options parse_options(int argc, char** argv) {
  struct options options = {NULL, "", MAX_SNAPLEN, 32768, 0, 1, 0, 0, 0, 100};
  int letter;
  opterr = 0;
  while ((letter = getopt(argc, argv, ":i:f:s:B:c:t:IpPLh")) != -1) {
    switch (letter) {
      case 'i': options.device = optarg; break;
      case 'f': options.filter = optarg; break;
      case 's': options.snaplen = (int)number_option('s', optarg, 1, MAX_SNAPLEN); break;
      case 'B': options.buffer_kib = (int)number_option('B', optarg, 0, 1 << 20); break;
      case 'c': options.count = number_option('c', optarg, 1, LLONG_MAX); break;
      case 't': options.timeout_ms = (int)number_option('t', optarg, 1, 10000); break;
      case 'I': options.immediate = 1; break;
      case 'p': options.promiscuous = 0; break;
      case 'P': options.classic_pcap = 1; break;
      case 'L': options.link_type_only = 1; break;
      case 'h': usage(stdout); exit(0);
      case ':': fail(EXIT_USAGE, "-%c needs a value (-h for help)", optopt);
      default: fail(EXIT_USAGE, "unknown option -%c (-h for help)", optopt);
    }
  }
  if (optind < argc) fail(EXIT_USAGE, "unexpected argument '%s' (-h for help)", argv[optind]);
  if (options.device == NULL || options.device[0] == '\0') {
    fail(EXIT_USAGE, "say which interface to capture on with -i (-h for help)");
  }
  /* Both are written as pcapng options, whose length is 16 bits. */
  if (strlen(options.device) > MAX_NAME_BYTES) {
    fail(EXIT_USAGE, "the interface name is longer than %d bytes", MAX_NAME_BYTES);
  }
  if (strlen(options.filter) > MAX_FILTER_BYTES) {
    fail(EXIT_USAGE, "the capture filter is longer than %d bytes", MAX_FILTER_BYTES);
  }
  return options;
}

/* ---- Output ------------------------------------------------------------------------- */

static void reserve(struct output* out, size_t more) {
  if (out->length + more <= out->capacity) return;
  size_t capacity = out->capacity ? out->capacity : 1 << 16;
  while (capacity < out->length + more) capacity *= 2;
  unsigned char* grown = realloc(out->bytes, capacity);
  if (grown == NULL) fail(EXIT_OUTPUT_FAILED, "out of memory for a %zu-byte output buffer",
                          capacity);
  out->bytes = grown;
  out->capacity = capacity;
}

static void put(struct output* out, const void* bytes, size_t length) {
  reserve(out, length);
  memcpy(out->bytes + out->length, bytes, length);
  out->length += length;
}

static void put_u16(struct output* out, uint16_t value) { put(out, &value, sizeof value); }
static void put_u32(struct output* out, uint32_t value) { put(out, &value, sizeof value); }

static void put_padding(struct output* out, size_t length) {
  static const unsigned char zeros[4] = {0, 0, 0, 0};
  put(out, zeros, (4 - length % 4) % 4);
}

/* pcapng is written in this machine's byte order, which its magic number tells readers. */
static void put_option(struct output* out, uint16_t code, const void* value, size_t length) {
  put_u16(out, code);
  put_u16(out, (uint16_t)length);
  put(out, value, length);
  put_padding(out, length);
}

static void put_u64_option(struct output* out, uint16_t code, uint64_t value) {
  put_option(out, code, &value, sizeof value);
}

static size_t begin_block(struct output* out, uint32_t type) {
  size_t start = out->length;
  put_u32(out, type);
  put_u32(out, 0); /* total length, filled in by end_block */
  return start;
}

static void end_block(struct output* out, size_t start) {
  uint32_t length = (uint32_t)(out->length - start + 4);
  memcpy(out->bytes + start + 4, &length, sizeof length);
  put_u32(out, length);
}

/* Writes everything buffered, waiting when stdout is a non-blocking pipe that is full. */
static void flush_output(struct output* out) {
  size_t done = 0;
  while (done < out->length) {
    ssize_t written = write(STDOUT_FILENO, out->bytes + done, out->length - done);
    if (written > 0) {
      done += (size_t)written;
    } else if (written < 0 && errno == EINTR) {
      continue;
    } else if (written < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      struct pollfd wait = {STDOUT_FILENO, POLLOUT, 0};
      poll(&wait, 1, 1000);
    } else {
      fail(EXIT_OUTPUT_FAILED, "cannot write the capture to standard output: %s",
           written < 0 ? strerror(errno) : "nothing was written");
    }
  }
  out->length = 0;
}

/* libpcap's DLT_* as the LINKTYPE_* a file records; only a few old values differ. */
static uint16_t link_type_of(int dlt) {
  switch (dlt) {
    case 11: return 100; /* DLT_ATM_RFC1483 */
    case 12: return 101; /* DLT_RAW on most systems */
    case 14: return 101; /* DLT_RAW on OpenBSD */
    default: return (uint16_t)dlt;
  }
}

static void write_header(struct capture* capture) {
  struct output* out = &capture->out;
  uint16_t link_type = link_type_of(pcap_datalink(capture->handle));
  uint32_t snaplen = (uint32_t)pcap_snapshot(capture->handle);
  if (capture->options.classic_pcap) {
    put_u32(out, capture->nano ? 0xa1b23c4d : 0xa1b2c3d4);
    put_u16(out, 2);
    put_u16(out, 4);
    put_u32(out, 0); /* thiszone */
    put_u32(out, 0); /* sigfigs */
    put_u32(out, snaplen);
    put_u32(out, link_type);
    return;
  }
  size_t block = begin_block(out, 0x0A0D0D0A);
  put_u32(out, 0x1A2B3C4D);
  put_u16(out, 1);
  put_u16(out, 0);
  put_u32(out, 0xffffffff); /* section length unknown: -1 as 64 bits */
  put_u32(out, 0xffffffff);
  put_option(out, 4, PROGRAM, strlen(PROGRAM)); /* shb_userappl */
  put_u32(out, 0);                               /* opt_endofopt */
  end_block(out, block);

  block = begin_block(out, 1);
  put_u16(out, link_type);
  put_u16(out, 0);
  put_u32(out, snaplen);
  put_option(out, 2, capture->options.device, strlen(capture->options.device)); /* if_name */
  if (capture->nano) {
    unsigned char resolution = 9; /* if_tsresol: 10^-9 */
    put_option(out, 9, &resolution, 1);
  }
  const char* filter = capture->options.filter;
  if (filter[0] != '\0') {
    /* if_filter: a first byte of 0 says a libpcap expression follows. */
    size_t length = strlen(filter);
    put_u16(out, 11);
    put_u16(out, (uint16_t)(length + 1));
    unsigned char kind = 0;
    put(out, &kind, 1);
    put(out, filter, length);
    put_padding(out, length + 1);
  }
  put_u32(out, 0);
  end_block(out, block);
}

static uint64_t ticks_of(struct capture* capture, uint64_t seconds, uint64_t fraction) {
  return seconds * (capture->nano ? 1000000000u : 1000000u) + fraction;
}

static void on_packet(u_char* user, const struct pcap_pkthdr* header, const u_char* bytes) {
  struct capture* capture = (struct capture*)user;
  struct output* out = &capture->out;
  capture->packets++;
  if (capture->options.classic_pcap) {
    put_u32(out, (uint32_t)header->ts.tv_sec);
    put_u32(out, (uint32_t)header->ts.tv_usec);
    put_u32(out, header->caplen);
    put_u32(out, header->len);
    put(out, bytes, header->caplen);
  } else {
    /* With nanosecond precision libpcap puts nanoseconds in tv_usec. */
    uint64_t ticks = ticks_of(capture, (uint64_t)header->ts.tv_sec,
                              (uint64_t)header->ts.tv_usec);
    size_t block = begin_block(out, 6);
    put_u32(out, 0); /* interface 0 */
    put_u32(out, (uint32_t)(ticks >> 32));
    put_u32(out, (uint32_t)ticks);
    put_u32(out, header->caplen);
    put_u32(out, header->len);
    put(out, bytes, header->caplen);
    put_padding(out, header->caplen);
    end_block(out, block);
  }
  if (out->length >= FLUSH_BYTES) flush_output(out);
}

static struct pcap_stat read_stats(struct capture* capture) {
  struct pcap_stat stats;
  if (pcap_stats(capture->handle, &stats) != 0) return capture->last_stats;
  return stats;
}

/* An Interface Statistics Block with libpcap's counters (pcapng only). */
static void write_statistics(struct capture* capture, const struct pcap_stat* stats) {
  if (capture->options.classic_pcap) return;
  struct timespec now;
  clock_gettime(CLOCK_REALTIME, &now);
  uint64_t ticks = ticks_of(capture, (uint64_t)now.tv_sec,
                            (uint64_t)(capture->nano ? now.tv_nsec : now.tv_nsec / 1000));
  struct output* out = &capture->out;
  size_t block = begin_block(out, 5);
  put_u32(out, 0);
  put_u32(out, (uint32_t)(ticks >> 32));
  put_u32(out, (uint32_t)ticks);
  put_u64_option(out, 4, stats->ps_recv);   /* isb_ifrecv */
  put_u64_option(out, 5, stats->ps_ifdrop); /* isb_ifdrop */
  put_u64_option(out, 7, stats->ps_drop);   /* isb_osdrop */
  put_u32(out, 0);
  end_block(out, block);
}

/* ---- Privileges --------------------------------------------------------------------- */

static int capabilities_left(void) {
  struct __user_cap_header_struct header = {_LINUX_CAPABILITY_VERSION_3, 0};
  struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3];
  memset(data, 0, sizeof data);
  if (syscall(SYS_capget, &header, data) != 0) return 1;
  for (int i = 0; i < _LINUX_CAPABILITY_U32S_3; i++) {
    if (data[i].effective || data[i].permitted || data[i].inheritable) return 1;
  }
  return 0;
}

/*
 * Called once the capture socket is open and filtered: nothing later needs a privilege.
 * The bounding set can be emptied only with CAP_SETPCAP (when run as root); the
 * capabilities themselves are cleared in every case, and the result is checked.
 */
static void drop_privileges(void) {
  uid_t uid = getuid();
  gid_t gid = getgid();
  for (int cap = 0; cap < 64; cap++) {
    if (prctl(PR_CAPBSET_READ, cap, 0, 0, 0) < 0) break; /* past the kernel's last */
    if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) < 0 && errno != EPERM) break;
  }
  /* Old kernels have no ambient set; nothing to clear there. */
  if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) < 0 && errno != EINVAL) {
    fail(EXIT_PRIVILEGES, "cannot clear the ambient capabilities: %s", strerror(errno));
  }
  if (setresgid(gid, gid, gid) != 0) {
    fail(EXIT_PRIVILEGES, "cannot give up the group it was started with: %s", strerror(errno));
  }
  if (setresuid(uid, uid, uid) != 0) {
    fail(EXIT_PRIVILEGES, "cannot give up the user it was started with: %s", strerror(errno));
  }
  struct __user_cap_header_struct header = {_LINUX_CAPABILITY_VERSION_3, 0};
  struct __user_cap_data_struct none[_LINUX_CAPABILITY_U32S_3];
  memset(none, 0, sizeof none);
  if (syscall(SYS_capset, &header, none) != 0) {
    fail(EXIT_PRIVILEGES, "cannot give up its capabilities: %s", strerror(errno));
  }
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
    fail(EXIT_PRIVILEGES, "cannot forbid new privileges: %s", strerror(errno));
  }
  uid_t ruid, euid, suid;
  gid_t rgid, egid, sgid;
  if (capabilities_left() || getresuid(&ruid, &euid, &suid) != 0 ||
      getresgid(&rgid, &egid, &sgid) != 0 || euid != uid || suid != uid || egid != gid ||
      sgid != gid) {
    fail(EXIT_PRIVILEGES, "privileges remain after dropping them; refusing to capture");
  }
}

/* ---- Opening ------------------------------------------------------------------------ */

static const char* handle_error(pcap_t* handle, int status) {
  const char* text = pcap_geterr(handle);
  return text != NULL && text[0] != '\0' ? text : pcap_statustostr(status);
}

static void fail_activation(pcap_t* handle, const char* device, int status) {
  const char* detail = handle_error(handle, status);
  switch (status) {
    case PCAP_ERROR_PERM_DENIED:
    case PCAP_ERROR_PROMISC_PERM_DENIED:
      fail(EXIT_PERMISSION, "no permission to capture on %s: this program needs root or the "
           "capabilities cap_net_raw,cap_net_admin (libpcap: %s)", device, detail);
    case PCAP_ERROR_NO_SUCH_DEVICE:
      fail(EXIT_NO_SUCH_INTERFACE, "there is no interface named '%s' (libpcap: %s)", device,
           detail);
    case PCAP_ERROR_IFACE_NOT_UP:
      fail(EXIT_INTERFACE_DOWN, "interface %s is down (libpcap: %s)", device, detail);
    default:
      fail(EXIT_OPEN_FAILED, "cannot capture on %s: %s", device, detail);
  }
}

static void open_capture(struct capture* capture) {
  const struct options* options = &capture->options;
  char errbuf[PCAP_ERRBUF_SIZE] = {0};
  pcap_t* handle = pcap_create(options->device, errbuf);
  if (handle == NULL) fail(EXIT_OPEN_FAILED, "cannot capture on %s: %s", options->device,
                           errbuf);
  pcap_set_snaplen(handle, options->snaplen);
  pcap_set_promisc(handle, options->promiscuous);
  /* Without immediate mode the kernel packs packets into blocks, so the ring absorbs bursts;
     immediate mode gives each packet a slot of up to snaplen bytes instead. */
  pcap_set_immediate_mode(handle, options->immediate);
  pcap_set_timeout(handle, options->timeout_ms);
  if (options->buffer_kib > 0 && !options->link_type_only) {
    pcap_set_buffer_size(handle, options->buffer_kib * 1024);
  }
  /* A device that cannot stamp nanoseconds still captures, in microseconds. */
  pcap_set_tstamp_precision(handle, PCAP_TSTAMP_PRECISION_NANO);

  int status = pcap_activate(handle);
  if (status < 0) fail_activation(handle, options->device, status);
  if (status > 0) say("warning: %s", handle_error(handle, status));
  capture->handle = handle;
  capture->nano = pcap_get_tstamp_precision(handle) == PCAP_TSTAMP_PRECISION_NANO;

  if (options->filter[0] != '\0') {
    /* The netmask matters only to "ip broadcast"; a device without IPv4 still filters. */
    bpf_u_int32 net = 0;
    bpf_u_int32 mask = PCAP_NETMASK_UNKNOWN;
    if (pcap_lookupnet(options->device, &net, &mask, errbuf) != 0) mask = PCAP_NETMASK_UNKNOWN;
    struct bpf_program program;
    if (pcap_compile(handle, &program, options->filter, 1, mask) != 0) {
      fail(EXIT_BAD_FILTER, "bad capture filter '%s': %s", options->filter,
           handle_error(handle, PCAP_ERROR));
    }
    int set = pcap_setfilter(handle, &program);
    pcap_freecode(&program);
    if (set != 0) fail(EXIT_BAD_FILTER, "cannot set the capture filter '%s': %s",
                       options->filter, handle_error(handle, PCAP_ERROR));
  }
  if (pcap_setnonblock(handle, 1, errbuf) != 0) {
    fail(EXIT_OPEN_FAILED, "cannot read %s without blocking: %s", options->device, errbuf);
  }
}

/* ---- Running ------------------------------------------------------------------------ */

static void on_signal(int number) {
  (void)number;
  int saved = errno;
  stop_requested = 1;
  if (wake_pipe[1] >= 0) {
    ssize_t ignored = write(wake_pipe[1], "", 1);
    (void)ignored;
  }
  errno = saved;
}

static void watch_signals(void) {
  if (pipe2(wake_pipe, O_CLOEXEC | O_NONBLOCK) != 0) {
    fail(EXIT_OPEN_FAILED, "cannot create a pipe: %s", strerror(errno));
  }
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGTERM, &action, NULL);
  sigaction(SIGINT, &action, NULL);
  sigaction(SIGHUP, &action, NULL);
  /* A reader that went away shows up as EPIPE from write(), reported as such. */
  signal(SIGPIPE, SIG_IGN);
}

/* Standard input ends the capture when it is a pipe or socket that its writer closes. */
static int stdin_is_watched(void) {
  struct stat info;
  return fstat(STDIN_FILENO, &info) == 0 && (S_ISFIFO(info.st_mode) || S_ISSOCK(info.st_mode));
}

static int stdin_ended(void) {
  char scratch[256];
  ssize_t got = read(STDIN_FILENO, scratch, sizeof scratch);
  return got == 0 || (got < 0 && errno != EINTR && errno != EAGAIN);
}

/* Reads what the kernel holds; returns libpcap's error status, or 0. */
static int read_ready(struct capture* capture) {
  for (int round = 0; round < ROUNDS_PER_WAKEUP; round++) {
    int limit = -1;
    if (capture->options.count > 0) {
      long long left = capture->options.count - capture->packets;
      if (left <= 0) return 0;
      limit = left < INT_MAX ? (int)left : INT_MAX;
    }
    int got = pcap_dispatch(capture->handle, limit, on_packet, (u_char*)capture);
    if (got < 0) return got;
    if (got == 0) return 0;
  }
  return 0;
}

static const char* socket_error(struct capture* capture) {
  int error = 0;
  socklen_t length = sizeof error;
  int fd = pcap_get_selectable_fd(capture->handle);
  if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) == 0 && error != 0) {
    return strerror(error);
  }
  return "the capture socket reported an error";
}

/* Whether the device went away under the capture: "was removed", "went down" or NULL. */
static const char* interface_lost(const char* device) {
  if (strcmp(device, "any") == 0) return NULL;
  if (if_nametoindex(device) == 0) return errno == ENODEV || errno == ENXIO ? "was removed"
                                                                            : NULL;
  struct ifreq request;
  memset(&request, 0, sizeof request);
  snprintf(request.ifr_name, sizeof request.ifr_name, "%s", device);
  int probe = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (probe < 0) return NULL;
  int known = ioctl(probe, SIOCGIFFLAGS, &request);
  close(probe);
  return known == 0 && !(request.ifr_flags & IFF_UP) ? "went down" : NULL;
}

static void finish(struct capture* capture, int code, const char* why) {
  struct pcap_stat stats = read_stats(capture);
  write_statistics(capture, &stats);
  flush_output(&capture->out);
  pcap_close(capture->handle);
  if (why != NULL) say("%s", why);
  say("%lld packets captured, %u received by filter, %u dropped by kernel, "
      "%u dropped by interface", capture->packets, stats.ps_recv, stats.ps_drop,
      stats.ps_ifdrop);
  exit(code);
}

static int64_t milliseconds_now(void) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (int64_t)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

/*
 * When a capture that was asked to end (or failed) really ends. Without immediate mode the
 * kernel retires a partly filled block only on the second timer tick that finds it
 * current, so its last packets can wait almost two timeouts; a margin covers timer slack.
 */
static int64_t end_after_grace(const struct capture* capture) {
  int grace = capture->options.immediate ? 0 : 2 * capture->options.timeout_ms + 50;
  return milliseconds_now() + grace;
}

/* Describes a read failure in `why` and returns its exit code. */
static int describe_failure(struct capture* capture, const char* detail, char* why,
                            size_t size) {
  const char* device = capture->options.device;
  const char* lost = interface_lost(device);
  if (lost != NULL) {
    snprintf(why, size, "interface %s %s during the capture (%s)", device, lost, detail);
    return EXIT_INTERFACE_DOWN;
  }
  snprintf(why, size, "capturing on %s stopped: %s", device, detail);
  return EXIT_READ_FAILED;
}

static void run(struct capture* capture) {
  int watch_stdin = stdin_is_watched();
  struct pollfd fds[3] = {
      {pcap_get_selectable_fd(capture->handle), POLLIN, 0},
      {wake_pipe[0], POLLIN, 0},
      {watch_stdin ? STDIN_FILENO : -1, POLLIN, 0},
  };
  int64_t next_stats = milliseconds_now() + STATS_INTERVAL_MS;
  int64_t end_at = -1; /* set once the capture is to end: the grace runs out then */
  int end_code = 0;
  char why[PCAP_ERRBUF_SIZE + 128] = "";
  for (;;) {
    int64_t now = milliseconds_now();
    if (end_at >= 0 && now >= end_at) break;
    int64_t until = end_at >= 0 && end_at < next_stats ? end_at : next_stats;
    int ready = poll(fds, 3, until > now ? (int)(until - now) : 0);
    if (ready < 0 && errno != EINTR) {
      snprintf(why, sizeof why, "waiting for packets failed: %s", strerror(errno));
      finish(capture, EXIT_READ_FAILED, why);
    }
    /* What the kernel took before an error is written first. */
    int status = read_ready(capture);
    flush_output(&capture->out);
    int socket_failed = ready > 0 && fds[0].fd >= 0 &&
                        (fds[0].revents & (POLLERR | POLLHUP | POLLNVAL));
    if ((status < 0 || socket_failed) && end_code == 0) {
      /* An interface taken down or deleted shows up as the socket's pending error. */
      const char* detail = status < 0 ? handle_error(capture->handle, status)
                                      : socket_error(capture);
      end_code = describe_failure(capture, detail, why, sizeof why);
      fds[0].fd = -1; /* a failed socket would wake poll() at once, again and again */
      if (end_at < 0) end_at = end_after_grace(capture);
      continue;
    }
    if (capture->options.count > 0 && capture->packets >= capture->options.count) break;
    int stdin_closed = ready > 0 && fds[2].fd >= 0 &&
                       (fds[2].revents & (POLLIN | POLLHUP | POLLERR)) && stdin_ended();
    if (end_at < 0 && (stop_requested || stdin_closed)) {
      fds[1].fd = -1; /* the wake-up pipe stays readable */
      fds[2].fd = -1;
      end_at = end_after_grace(capture);
    }
    if (milliseconds_now() >= next_stats) {
      struct pcap_stat stats = read_stats(capture);
      if (memcmp(&stats, &capture->last_stats, sizeof stats) != 0) {
        write_statistics(capture, &stats);
        flush_output(&capture->out);
        capture->last_stats = stats;
      }
      next_stats = milliseconds_now() + STATS_INTERVAL_MS;
    }
  }
  /* Packets the kernel took before the end are still written. */
  read_ready(capture);
  finish(capture, end_code, end_code != 0 ? why : NULL);
}

int main(int argc, char** argv) {
  struct capture capture;
  memset(&capture, 0, sizeof capture);
  capture.options = parse_options(argc, argv);
  /* Until the capture runs, a signal ends the helper at once (compiling a filter can take
     long); nothing has been written yet that would need finishing. */
  open_capture(&capture);
  drop_privileges();
  if (capture.options.link_type_only) {
    /* What the app compiles a filter for while the user types it, without capture rights. */
    int dlt = pcap_datalink(capture.handle);
    const char* name = pcap_datalink_val_to_name(dlt);
    printf("%d %s\n", dlt, name != NULL ? name : "unknown");
    pcap_close(capture.handle);
    return fflush(stdout) == 0 ? 0 : EXIT_OUTPUT_FAILED;
  }
  /* Before the header goes out: whoever reads it may stop the capture at once. */
  watch_signals();
  write_header(&capture);
  flush_output(&capture.out);
  run(&capture);
  return 0;
}
