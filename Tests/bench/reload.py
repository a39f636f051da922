#!/usr/bin/env python3
"""Save-to-reload benchmark: how long after a document is saved does an open
page get told to reload? Measured the way a browser sees it, on a WebSocket,
for `reportsite serve` and, when asked, `hugo server` on the same documents.

    python3 Tests/bench/reload.py --reportsite BIN --site DIR [--hugo-site DIR] [--edits 7]

(BIN serve runs reportsite-serve from BIN's folder: `bash build.sh` builds both.)

Each edit appends a sentence to the body of a different document (saved the
way editors do: written to a new file, then renamed over the old one), and
the clock runs from just before the rename to the reload message. Between
edits it waits for the server to settle (reportsite: the full rebuild that
follows every quick redraw; Hugo: a fixed pause). Prints a Markdown table.
Standard library only.
"""
import argparse
import base64
import json
import os
import re
import socket
import statistics
import struct
import subprocess
import sys
import threading
import time


class WebSocket:
    """The smallest client that reads text frames (RFC 6455)."""

    def __init__(self, port, path):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=600)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
                           f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(1)
            if not chunk:
                raise RuntimeError("connection closed during the handshake")
            head += chunk
        if b" 101 " not in head.split(b"\r\n")[0]:
            raise RuntimeError(f"no WebSocket at {path}: {head[:200]!r}")

    def _exactly(self, n):
        data = b""
        while len(data) < n:
            chunk = self.sock.recv(n - len(data))
            if not chunk:
                raise RuntimeError("connection closed")
            data += chunk
        return data

    def receive(self):
        while True:
            first, second = self._exactly(2)
            length = second & 0x7F
            if length == 126:
                length = struct.unpack(">H", self._exactly(2))[0]
            elif length == 127:
                length = struct.unpack(">Q", self._exactly(8))[0]
            mask = self._exactly(4) if second & 0x80 else None
            payload = self._exactly(length)
            if mask:
                payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
            if first & 0x0F == 1:
                return payload.decode()
            if first & 0x0F == 8:
                raise RuntimeError("server closed the socket")

    def drain(self):
        """Drops messages already sent (reloads from an earlier rebuild)."""
        self.sock.settimeout(0.2)
        try:
            while True:
                self.receive()
        except (socket.timeout, TimeoutError):
            pass
        finally:
            self.sock.settimeout(600)

    def send(self, text):
        payload = text.encode()
        mask = os.urandom(4)
        header = bytes([0x81]) + (bytes([0x80 | len(payload)]) if len(payload) < 126
                                  else bytes([0x80 | 126]) + struct.pack(">H", len(payload)))
        self.sock.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))


def save(path, text):
    """Write like an editor: a new file renamed over the old one."""
    temporary = path + ".saving"
    with open(temporary, "w", encoding="utf-8") as f:
        f.write(text)
    started = time.perf_counter()
    os.replace(temporary, path)
    return started


def documents(folder, count):
    found = []
    for kind in sorted(os.listdir(folder)):
        sub = os.path.join(folder, kind)
        if os.path.isdir(sub):
            found += [os.path.join(sub, n) for n in sorted(os.listdir(sub)) if n.endswith(".md") and not n.startswith("_")]
    step = max(1, len(found) // count)
    return found[::step][:count]


class Server:
    def __init__(self, command, ready_pattern):
        # Hugo talks on stdout, reportsite on stderr: read both as one stream.
        self.process = subprocess.Popen(command, stderr=subprocess.STDOUT, stdout=subprocess.PIPE, text=True)
        self.lines = []
        self.ready = threading.Event()
        self.pattern = re.compile(ready_pattern)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))
            if self.pattern.search(line):
                self.ready.set()

    def wait_for(self, pattern, after, timeout=900):
        deadline = time.time() + timeout
        regex = re.compile(pattern)
        while time.time() < deadline:
            if any(regex.search(line) for line in self.lines[after:]):
                return
            if self.process.poll() is not None:
                raise RuntimeError("server exited:\n" + "\n".join(self.lines[-20:]))
            time.sleep(0.05)
        raise RuntimeError(f"timed out waiting for {pattern!r}")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def measure_reportsite(binary, site, edits, port):
    server = Server([binary, "serve", "--root", site, "--port", str(port)], r"Serving http")
    try:
        if not server.ready.wait(1800):
            raise RuntimeError("reportsite serve did not start")
        socket_ = WebSocket(port, "/__reportsite/live")
        times = []
        quick = 0
        for path in documents(os.path.join(site, "Content"), edits):
            text = open(path, encoding="utf-8").read()
            socket_.drain()
            mark = len(server.lines)
            started = save(path, text + f"\nEdited for the reload benchmark at {time.time()}.\n")
            while True:
                message = json.loads(socket_.receive())
                if message.get("type") == "reload":
                    break
                if message.get("type") == "errors":
                    raise RuntimeError(message.get("text"))
            times.append((time.perf_counter() - started) * 1000)
            server.wait_for(r"^Rebuilt ", mark)  # the full rebuild that follows
            quick += any(line.startswith("Redrew ") for line in server.lines[mark:])
            save(path, text)
            server.wait_for(r"^Rebuilt ", len(server.lines))
        return times, quick
    finally:
        server.stop()


def measure_hugo(site, edits, port):
    server = Server(["hugo", "server", "-s", site, "--port", str(port), "--bind", "127.0.0.1"], r"Web Server is available")
    try:
        if not server.ready.wait(1800):
            raise RuntimeError("hugo server did not start")
        socket_ = WebSocket(port, "/livereload")
        # Hugo answers only the exact bytes '"command":"hello"' (no spaces).
        socket_.send(json.dumps({"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"]},
                                separators=(",", ":")))
        socket_.receive()  # hello
        times = []
        for path in documents(os.path.join(site, "content"), edits):
            text = open(path, encoding="utf-8").read()
            socket_.drain()
            started = save(path, text + f"\nEdited for the reload benchmark at {time.time()}.\n")
            while json.loads(socket_.receive()).get("command") != "reload":
                pass
            times.append((time.perf_counter() - started) * 1000)
            time.sleep(2)
            save(path, text)
            while json.loads(socket_.receive()).get("command") != "reload":
                pass
            time.sleep(2)
        return times
    finally:
        server.stop()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reportsite", required=True, help="reportsite binary (a release build)")
    parser.add_argument("--site", required=True, help="reportsite site folder (holds Content/)")
    parser.add_argument("--hugo-site", help="Hugo site with the same documents")
    parser.add_argument("--edits", type=int, default=7)
    args = parser.parse_args()

    print("| server | edits | save → reload ms, median | min | max | note |")
    print("|---|---|---|---|---|---|")

    def row(name, times, note=""):
        print(f"| {name} | {len(times)} | {statistics.median(times):.0f} | {min(times):.0f} | {max(times):.0f} | {note} |",
              flush=True)

    times, quick = measure_reportsite(args.reportsite, args.site, args.edits, 18000 + os.getpid() % 1000)
    row("reportsite serve", times, f"{quick} of {len(times)} shown by redrawing the page; full rebuild follows")
    if args.hugo_site:
        row("hugo server (fast render)", measure_hugo(args.hugo_site, args.edits, 19000 + os.getpid() % 1000))


if __name__ == "__main__":
    sys.exit(main())
