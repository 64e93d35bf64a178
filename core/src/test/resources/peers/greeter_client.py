# The tutorial's greeter client, in Python 3: print what the server sends, answer with a fixed text, again.
# Unlike the tutorial it stops when the server closes (recv returns b'') instead of looping forever.
from socket import *
import sys

host, port = sys.argv[1], int(sys.argv[2])
sock = socket()
sock.connect((host, port))
while True:
    data = sock.recv(1024)
    if not data:
        break
    print(data.decode(), end="")
    sock.send(b'HI! I am client.')
sock.close()
