#!/usr/bin/env python3
# Bridges two links with AF_PACKET sockets, dropping, reordering, duplicating and delaying
# the TCP frames that cross it, with seeded randomness and a bounded run time.
#
# The kernel here has no netem qdisc, so a lossy link is made in user space: this runs in
# a namespace of its own between the client's and the server's. Frames that are not TCP
# (ARP, neighbour discovery) pass at once, so address resolution is never what is slow.
# On SIGTERM or at the deadline it writes what it did, per direction, as JSON.

import argparse
import heapq
import json
import os
import random
import select
import signal
import socket
import struct
import time

ETH_P_ALL = 0x0003
PACKET_OUTGOING = 4
ETHERTYPE_IPV4 = 0x0800
ETHERTYPE_IPV6 = 0x86DD
VLAN_TYPES = (0x8100, 0x88A8)
IPPROTO_TCP = 6
MAX_FRAME = 65536
# Frames read per wake-up and per direction, so one busy side cannot starve the queue.
MAX_READS_PER_WAKE = 256


def carries_tcp(frame: bytes) -> bool:
    if len(frame) < 14:
        return False
    at = 12
    (kind,) = struct.unpack_from("!H", frame, at)
    while kind in VLAN_TYPES and len(frame) >= at + 6:
        at += 4
        (kind,) = struct.unpack_from("!H", frame, at)
    ip = at + 2
    if kind == ETHERTYPE_IPV4 and len(frame) > ip + 9:
        return frame[ip + 9] == IPPROTO_TCP
    if kind == ETHERTYPE_IPV6 and len(frame) > ip + 6:
        return frame[ip + 6] == IPPROTO_TCP
    return False


class Direction:
    """One way across the forwarder, with its own random stream and counters."""

    def __init__(self, name: str, source: socket.socket, sink: socket.socket, seed: int):
        self.name = name
        self.source = source
        self.sink = sink
        self.random = random.Random(seed)
        self.stats = {"frames": 0, "tcp": 0, "dropped": 0, "delayed_for_reorder": 0,
                      "duplicated": 0, "sent": 0, "send_errors": 0}


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    parser.add_argument("--links", nargs=2, required=True, metavar=("A", "B"))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--drop", type=float, default=0.05)
    parser.add_argument("--reorder", type=float, default=0.10)
    parser.add_argument("--duplicate", type=float, default=0.03)
    parser.add_argument("--delay-ms", type=float, default=3.0)
    parser.add_argument("--reorder-ms", type=float, default=10.0)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--stats", required=True)
    return parser.parse_args()


def open_link(name: str) -> socket.socket:
    sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
    sock.bind((name, 0))
    sock.setblocking(False)
    return sock


def main() -> int:
    args = parse_args()
    stop = {"now": False}
    signal.signal(signal.SIGTERM, lambda *_: stop.update(now=True))
    signal.signal(signal.SIGINT, lambda *_: stop.update(now=True))

    a, b = open_link(args.links[0]), open_link(args.links[1])
    directions = [Direction("a_to_b", a, b, args.seed * 2),
                  Direction("b_to_a", b, a, args.seed * 2 + 1)]
    by_socket = {d.source: d for d in directions}
    # (due time, tie-breaker, direction, frame): the tie-breaker keeps equal times in order.
    queue: list = []
    order = 0
    delay = args.delay_ms / 1000
    hold = args.reorder_ms / 1000
    deadline = time.monotonic() + args.seconds
    print("ready", flush=True)

    while not stop["now"] and time.monotonic() < deadline:
        now = time.monotonic()
        wait = max(0.0, min(queue[0][0] - now if queue else 0.2, deadline - now))
        readable, _, _ = select.select([a, b], [], [], wait)
        now = time.monotonic()

        for sock in readable:
            direction = by_socket[sock]
            for _ in range(MAX_READS_PER_WAKE):
                try:
                    frame, address = sock.recvfrom(MAX_FRAME)
                except BlockingIOError:
                    break
                # A packet socket also sees what is sent out of its link: not ours to carry.
                if address[2] == PACKET_OUTGOING:
                    continue
                stats = direction.stats
                stats["frames"] += 1
                if not carries_tcp(frame):
                    heapq.heappush(queue, (now, order, direction, frame))
                    order += 1
                    continue
                stats["tcp"] += 1
                rand = direction.random
                if rand.random() < args.drop:
                    stats["dropped"] += 1
                    continue
                due = now + delay
                if rand.random() < args.reorder:
                    # Held back while later frames go ahead of it.
                    due += hold
                    stats["delayed_for_reorder"] += 1
                heapq.heappush(queue, (due, order, direction, frame))
                order += 1
                if rand.random() < args.duplicate:
                    stats["duplicated"] += 1
                    heapq.heappush(queue, (due + delay / 2, order, direction, frame))
                    order += 1

        while queue and queue[0][0] <= now:
            _, _, direction, frame = heapq.heappop(queue)
            try:
                direction.sink.send(frame)
                direction.stats["sent"] += 1
            except OSError:
                direction.stats["send_errors"] += 1

    report = {d.name: d.stats for d in directions}
    report["stopped_by"] = "signal" if stop["now"] else "deadline"
    partial = args.stats + ".part"
    with open(partial, "w", encoding="utf-8") as out:
        json.dump(report, out, indent=2)
    os.replace(partial, args.stats)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
