#!/usr/bin/env python3
"""A framed receiver (docs/PROTOCOL.md, version 1) that takes every file and answers DONE with a digest that is not
the sender's, as a receiver whose disk or memory damaged the data would. One session, then it exits.

Prints the port it listens on (127.0.0.1, chosen by the system) as its first line.
"""
import socket
import struct

HELLO, WELCOME, FILE, READY, DATA, END, DONE, BYE = 1, 2, 3, 4, 6, 7, 8, 10


def read_exact(conn, n):
    data = b""
    while len(data) < n:
        chunk = conn.recv(n - len(data))
        if not chunk:
            raise EOFError("the sender closed the connection")
        data += chunk
    return data


def read_frame(conn):
    kind, length = struct.unpack(">BI", read_exact(conn, 5))
    return kind, read_exact(conn, length)


def send_frame(conn, kind, payload):
    conn.sendall(struct.pack(">BI", kind, len(payload)) + payload)


def str8(s):
    return bytes([len(s)]) + s.encode("ascii")


def main():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    print(server.getsockname()[1], flush=True)
    conn, _ = server.accept()
    kind, _ = read_frame(conn)
    assert kind == HELLO, kind
    # version 1, no flags, files up to 1 TiB, DATA up to 1 MiB, two digests
    send_frame(conn, WELCOME, b"FTRN" + bytes([1, 0]) + struct.pack(">QI", 1 << 40, 1 << 20)
               + bytes([2]) + str8("sha-256") + str8("crc32c"))
    while True:
        kind, payload = read_frame(conn)
        if kind == BYE:
            send_frame(conn, BYE, b"")
            break
        if kind == FILE:
            send_frame(conn, READY, struct.pack(">Q", 0) + bytes([0]))  # from the start, no nonce
        elif kind == END:
            digest = bytearray(payload[1:1 + payload[0]])
            digest[0] ^= 0xFF  # not what the sender computed
            name = b"stored"
            send_frame(conn, DONE, bytes([len(digest)]) + bytes(digest) + struct.pack(">H", len(name)) + name)
        # DATA: taken and dropped
    conn.close()


if __name__ == "__main__":
    main()
