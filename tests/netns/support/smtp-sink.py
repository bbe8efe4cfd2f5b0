#!/usr/bin/env python3
# An SMTP server for tests: accepts every message and stores the bytes it received exactly.
#
# Each message is written as the receiver sees it after the DATA phase (RFC 5321 4.5.2):
# CRLF line endings kept, one leading dot removed from dot-stuffed lines, and without the
# terminating ".CRLF". It announces PIPELINING (RFC 2920); replies go out in command order.

import argparse
import asyncio
import os
import signal

LINE_LIMIT = 1 << 20
GREETING = b"220 mx.example.net ESMTP Tapline test sink\r\n"
EHLO_REPLY = b"250-mx.example.net\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SIZE 10240000\r\n"


class Store:
    def __init__(self, directory: str):
        self.directory = directory
        self.count = 0

    def save(self, message: bytes) -> int:
        self.count += 1
        name = os.path.join(self.directory, f"msg{self.count}.eml")
        with open(name + ".part", "wb") as out:
            out.write(message)
        os.replace(name + ".part", name)
        return self.count


async def read_message(reader: asyncio.StreamReader) -> bytes | None:
    parts = []
    while True:
        line = await reader.readline()
        if not line:
            return None
        if line == b".\r\n":
            return b"".join(parts)
        parts.append(line[1:] if line.startswith(b".") else line)


async def session(store: Store, reader: asyncio.StreamReader,
                  writer: asyncio.StreamWriter) -> None:
    writer.write(GREETING)
    try:
        while True:
            line = await reader.readline()
            if not line:
                break
            verb = line[:4].upper()
            if verb == b"EHLO":
                writer.write(EHLO_REPLY)
            elif verb in (b"HELO", b"MAIL", b"RCPT", b"RSET", b"NOOP"):
                writer.write(b"250 2.0.0 Ok\r\n")
            elif verb == b"DATA":
                writer.write(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                await writer.drain()
                message = await read_message(reader)
                if message is None:
                    break
                number = store.save(message)
                writer.write(f"250 2.0.0 Ok: queued as {number}\r\n".encode())
            elif verb == b"QUIT":
                writer.write(b"221 2.0.0 Bye\r\n")
                await writer.drain()
                break
            else:
                writer.write(b"502 5.5.2 Error: command not recognized\r\n")
            await writer.drain()
    except (ConnectionError, asyncio.LimitOverrunError, ValueError):
        pass
    finally:
        writer.close()


async def serve(args: argparse.Namespace) -> None:
    store = Store(args.dir)
    server = await asyncio.start_server(
        lambda r, w: session(store, r, w), host=args.address, port=args.port,
        limit=LINE_LIMIT)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    print("ready", flush=True)
    try:
        await asyncio.wait_for(stop.wait(), timeout=args.seconds)
    except asyncio.TimeoutError:
        pass
    server.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--address", nargs="+", required=True)
    parser.add_argument("--port", type=int, default=25)
    parser.add_argument("--dir", required=True)
    parser.add_argument("--seconds", type=float, default=60.0)
    asyncio.run(serve(parser.parse_args()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
