#!/usr/bin/env python3
"""A sender for ftrun's framed protocol, written from docs/PROTOCOL.md alone (standard library only).

usage: ftrun_send.py --port PORT [--host 127.0.0.1] [--digest sha-256|crc32|crc32c] [--resume]
                     [--token TOKEN] [--chunk BYTES] [--rate BYTES_PER_SECOND] [--progress] PATH...

Prints one line per file: "OK <name> <stored-name> <digest-hex> <resumed-from>" or "FAIL <name> <code> <message>".
Exits 0 only if the receiver confirmed every file, 1 if any file failed, 2 if the session itself failed.
"""
import argparse
import hashlib
import os
import socket
import struct
import sys
import time
import zlib

HELLO, WELCOME, FILE, READY, START, DATA, END, DONE, ERROR, BYE = range(1, 11)
MAGIC = b"FTRN"
HAS_MODE, HAS_MTIME, RESUME_WITH_PROOF = 1, 2, 8
TAG_HEAD = 65536
TAG_DOMAIN = b"ftrun resume tag\0"


class SessionError(Exception):
    pass


def _crc32c_table():
    table = []
    for i in range(256):
        c = i
        for _ in range(8):
            c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1
        table.append(c)
    return table


_CRC32C = _crc32c_table()


class Digest:
    """Running digest; crc32 and crc32c are 4 bytes big-endian, sha-256 is 32 bytes."""

    def __init__(self, name):
        self.name = name
        if name == "sha-256":
            self.h = hashlib.sha256()
        elif name in ("crc32", "crc32c"):
            self.crc = 0
        else:
            raise SystemExit("unknown digest " + name)

    def update(self, data):
        if self.name == "sha-256":
            self.h.update(data)
        elif self.name == "crc32":
            self.crc = zlib.crc32(data, self.crc)
        else:  # crc32c, slow in pure python but correct
            c = self.crc ^ 0xFFFFFFFF
            t = _CRC32C
            for b in data:
                c = t[(c ^ b) & 0xFF] ^ (c >> 8)
            self.crc = c ^ 0xFFFFFFFF

    def value(self):
        if self.name == "sha-256":
            return self.h.copy().digest()
        return struct.pack(">I", self.crc & 0xFFFFFFFF)


def send_frame(sock, msg_type, payload=b""):
    sock.sendall(struct.pack(">BI", msg_type, len(payload)))
    if payload:
        sock.sendall(payload)


def recv_exact(sock, n):
    out = bytearray()
    while len(out) < n:
        part = sock.recv(n - len(out))
        if not part:
            raise SessionError("receiver closed the connection")
        out += part
    return bytes(out)


def recv_frame(sock):
    msg_type, length = struct.unpack(">BI", recv_exact(sock, 5))
    return msg_type, recv_exact(sock, length)


def parse_error(payload):
    code, n = struct.unpack(">HH", payload[:4])
    return code, payload[4:4 + n].decode("utf-8", "replace")


def handshake(sock, token):
    t = (token or "").encode("utf-8")
    send_frame(sock, HELLO, MAGIC + bytes([1, 1]) + struct.pack(">H", len(t)) + t)
    msg_type, p = recv_frame(sock)
    if msg_type == ERROR:
        code, message = parse_error(p)
        raise SessionError("refused: %d %s" % (code, message))
    if msg_type != WELCOME or p[:4] != MAGIC:
        raise SessionError("not an ftrun receiver")
    version, flags = p[4], p[5]
    max_file, max_data = struct.unpack(">QI", p[6:18])
    count = p[18]
    digests, at = [], 19
    for _ in range(count):
        n = p[at]
        digests.append(p[at + 1:at + 1 + n].decode("ascii"))
        at += 1 + n
    return {"version": version, "resume": bool(flags & 1), "max_data": max_data, "digests": digests}


def files_of(path):
    """(file, relative name) pairs: a file as its name, a directory as its files below its own name."""
    if os.path.isfile(path):
        return [(path, os.path.basename(os.path.abspath(path)))]
    base = os.path.abspath(path)
    out = []
    for root, dirs, files in os.walk(base):
        dirs.sort()
        for f in sorted(files):
            full = os.path.join(root, f)
            if os.path.isfile(full):
                rel = os.path.relpath(full, os.path.dirname(base)).replace(os.sep, "/")
                out.append((full, rel))
    return out


def read_prefix(path, length, *sinks):
    """Feeds the first `length` bytes of the file to every sink (a digest, a hashlib object)."""
    with open(path, "rb") as f:
        left = length
        while left > 0:
            b = f.read(min(left, 1 << 20))
            if not b:
                break
            for s in sinks:
                s.update(b)
            left -= len(b)


def resume_tag(path, size):
    """SHA-256 of "ftrun resume tag\\0" and the file's first 64 KiB: only a holder of those bytes can compute it."""
    h = hashlib.sha256(TAG_DOMAIN)
    read_prefix(path, min(size, TAG_HEAD), h)
    return h.digest()


def send_file(sock, path, name, welcome, args):
    st = os.stat(path)
    size = st.st_size
    # only sha-256 transfers resume (PROTOCOL.md section 6)
    resume = args.resume and welcome["resume"] and args.digest == "sha-256"
    flags = HAS_MODE | HAS_MTIME | (RESUME_WITH_PROOF if resume else 0)
    name_b = name.encode("utf-8")
    algo = args.digest.encode("ascii")
    header = struct.pack(">BQIq", flags, size, st.st_mode & 0o777, st.st_mtime_ns // 1000000)
    header += bytes([len(algo)]) + algo + struct.pack(">H", len(name_b)) + name_b
    if resume:
        tag = resume_tag(path, size)
        header += bytes([len(tag)]) + tag
    send_frame(sock, FILE, header)
    msg_type, p = recv_frame(sock)
    if msg_type == ERROR:
        return False, parse_error(p)
    if msg_type != READY:
        raise SessionError("expected READY, got %d" % msg_type)
    offset = struct.unpack(">Q", p[:8])[0]
    nonce = p[9:9 + p[8]]
    digest = Digest(args.digest)
    pos = 0
    if offset > 0:
        # the receiver holds a partial: prove that our prefix is the one it holds, then read its verdict
        proof = b""
        if resume and offset <= size:
            mine, h = Digest(args.digest), hashlib.sha256(nonce)
            read_prefix(path, offset, mine, h)
            proof, pos = h.digest(), offset
        send_frame(sock, START, struct.pack(">Q", pos) + bytes([len(proof)]) + proof)
        msg_type, p = recv_frame(sock)
        if msg_type != READY:
            raise SessionError("expected READY after START, got %d" % msg_type)
        confirmed = struct.unpack(">Q", p[:8])[0]
        if confirmed not in (0, pos):
            raise SessionError("READY after START names offset %d" % confirmed)
        if confirmed > 0:
            digest = mine
        pos = confirmed
    resumed = pos
    started = time.monotonic()
    with open(path, "rb") as f:
        f.seek(pos)
        while pos < size:
            chunk = f.read(min(args.chunk, size - pos))
            if not chunk:
                break
            digest.update(chunk)
            send_frame(sock, DATA, chunk)
            pos += len(chunk)
            if args.progress:
                print("PROGRESS %s %d %d" % (name, pos, size), flush=True)
            if args.rate:
                ahead = (pos - resumed) / args.rate - (time.monotonic() - started)
                if ahead > 0:
                    time.sleep(ahead)
    ours = digest.value()
    send_frame(sock, END, bytes([len(ours)]) + ours)
    msg_type, p = recv_frame(sock)
    if msg_type == ERROR:
        return False, parse_error(p)
    if msg_type != DONE:
        raise SessionError("expected DONE, got %d" % msg_type)
    theirs = p[1:1 + p[0]]
    at = 1 + p[0]
    n = struct.unpack(">H", p[at:at + 2])[0]
    stored = p[at + 2:at + 2 + n].decode("utf-8")
    if theirs != ours:
        return False, (8, "receiver digest %s differs from ours %s" % (theirs.hex(), ours.hex()))
    return True, (stored, ours.hex(), resumed)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--digest", default="sha-256")
    ap.add_argument("--resume", action="store_true")
    ap.add_argument("--token")
    ap.add_argument("--chunk", type=int, default=65536)
    ap.add_argument("--rate", type=float, default=0)
    ap.add_argument("--progress", action="store_true")
    ap.add_argument("paths", nargs="+")
    args = ap.parse_args()
    entries = [e for p in args.paths for e in files_of(p)]
    try:
        sock = socket.create_connection((args.host, args.port), timeout=30)
        welcome = handshake(sock, args.token)
        if args.digest not in welcome["digests"]:
            raise SessionError("receiver does not accept %s (accepts %s)" % (args.digest, welcome["digests"]))
        all_ok = True
        for path, name in entries:
            ok, info = send_file(sock, path, name, welcome, args)
            if ok:
                print("OK %s %s %s %d" % (name, info[0], info[1], info[2]), flush=True)
            else:
                all_ok = False
                print("FAIL %s %d %s" % (name, info[0], info[1]), flush=True)
        send_frame(sock, BYE)
        try:
            recv_frame(sock)
        except SessionError:
            pass
        sock.close()
        return 0 if all_ok else 1
    except (SessionError, OSError) as e:
        print("SESSION-FAILED %s" % e, flush=True)
        return 2


if __name__ == "__main__":
    sys.exit(main())
