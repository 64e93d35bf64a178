# The tutorial's file client: read the file in 1024-byte pieces and send() each, then close.
# With --answer it half-closes instead (shutdown(SHUT_WR)) and prints what the server answers before it closes.
import socket
import sys

host, port, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
s = socket.socket()
s.connect((host, port))
f = open(path, "rb")
l = f.read(1024)
while l:
    s.sendall(l)
    l = f.read(1024)
f.close()
if "--answer" in sys.argv:
    s.shutdown(socket.SHUT_WR)
    answer = b""
    while True:
        data = s.recv(1024)
        if not data:
            break
        answer += data
    print(answer.decode(), end="")
s.close()
