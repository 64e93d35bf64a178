#!/usr/bin/env python3
"""The Python peer a user would write: socketserver.ThreadingTCPServer, one thread per client, one file per
connection (every byte until the client closes), written through a 64 KiB recv loop.

    python3 py_receiver.py PORT DIR
"""
import itertools
import os
import socketserver
import sys
import threading

port, directory = int(sys.argv[1]), sys.argv[2]
os.makedirs(directory, exist_ok=True)
counter = itertools.count(1)
lock = threading.Lock()


class Receive(socketserver.BaseRequestHandler):
    def handle(self):
        with lock:
            n = next(counter)
        with open(os.path.join(directory, f"file_{n}"), "wb") as f:
            while True:
                data = self.request.recv(65536)
                if not data:
                    break
                f.write(data)


class Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True
    request_queue_size = 1024  # the same backlog every peer in the benchmark gets


with Server(("127.0.0.1", port), Receive) as server:
    print("ready", flush=True)
    server.serve_forever()
