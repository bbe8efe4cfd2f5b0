#!/usr/bin/env python3
# Turns off a link's checksum, segmentation and receive offloads, as `ethtool -K` would.
#
# This machine has no ethtool binary. Without this, veth hands over 64 KB TCP
# super-frames with unfinished checksums, which a user-space forwarder cannot
# send on as frames and which no real wire carries.

import ctypes
import fcntl
import socket
import struct
import sys

SIOCETHTOOL = 0x8946
# Legacy ethtool "set" commands, each taking struct ethtool_value { u32 cmd; u32 data; }.
ETHTOOL_STXCSUM = 0x17
ETHTOOL_SSG = 0x19
ETHTOOL_STSO = 0x1F
ETHTOOL_SGSO = 0x24
ETHTOOL_SGRO = 0x2C
# Segmentation first: the kernel refuses to drop checksumming while TSO depends on it.
COMMANDS = [ETHTOOL_STSO, ETHTOOL_SGSO, ETHTOOL_SGRO, ETHTOOL_SSG, ETHTOOL_STXCSUM]


def set_off(sock: socket.socket, name: str, command: int) -> None:
    value = (ctypes.c_uint32 * 2)(command, 0)
    # struct ifreq: a 16-byte name, then (in its union) the pointer ifr_data.
    request = struct.pack("16sP", name.encode(), ctypes.addressof(value))
    request += b"\0" * (40 - len(request))
    fcntl.ioctl(sock.fileno(), SIOCETHTOOL, request)


def main() -> int:
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    for name in sys.argv[1:]:
        for command in COMMANDS:
            set_off(sock, name, command)
    return 0


if __name__ == "__main__":
    sys.exit(main())
