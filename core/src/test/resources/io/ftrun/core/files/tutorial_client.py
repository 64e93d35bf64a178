#!/usr/bin/env python3
"""The tutorial's raw file client: connect, send the file in 1024-byte chunks, close. usage: PORT FILE"""
import socket
import sys

s = socket.socket()
s.connect(("127.0.0.1", int(sys.argv[1])))
f = open(sys.argv[2], "rb")
l = f.read(1024)
while l:
    s.sendall(l)
    l = f.read(1024)
f.close()
s.close()
