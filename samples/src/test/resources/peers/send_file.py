# The tutorial's file client: read the file 1024 bytes at a time, send it, close.
# (sendall instead of the tutorial's bare send, which may send less than asked.)
import socket
import sys

host, port, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
s = socket.socket()
s.connect((host, port))
with open(path, "rb") as f:
    chunk = f.read(1024)
    while chunk:
        s.sendall(chunk)
        chunk = f.read(1024)
s.close()
