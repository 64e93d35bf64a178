# The tutorial's echo client: one sendall, one recv(1024), print what came back.
import socket
import sys

HOST, PORT, message = sys.argv[1], int(sys.argv[2]), sys.argv[3].encode()
with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
    s.connect((HOST, PORT))
    s.sendall(message)
    data = s.recv(1024)
print(f"Received from server: {data.decode('utf-8')}")
