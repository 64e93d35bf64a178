#!/usr/bin/env python3
"""The Python echo server a user would write: socketserver.ThreadingTCPServer, one thread per client, sending
back whatever each recv returns.

    python3 py_echo.py PORT
"""
import socket
import socketserver
import sys

port = int(sys.argv[1])


class Echo(socketserver.BaseRequestHandler):
    def handle(self):
        self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        while True:
            data = self.request.recv(65536)
            if not data:
                break
            self.request.sendall(data)


class Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True
    request_queue_size = 1024  # the same backlog every peer in the benchmark gets


with Server(("127.0.0.1", port), Echo) as server:
    print("ready", flush=True)
    server.serve_forever()
