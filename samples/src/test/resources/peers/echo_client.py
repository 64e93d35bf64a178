# The tutorial's echo client: send a message, print what comes back.
import socket
import sys

HOST, PORT = sys.argv[1], int(sys.argv[2])
message = sys.argv[3].encode() if len(sys.argv) > 3 else b"Hello, server! This is a test message."
with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
    s.connect((HOST, PORT))
    s.sendall(message)
    data = b""
    while len(data) < len(message):
        chunk = s.recv(1024)
        if not chunk:
            break
        data += chunk
print(f"Received from server: {data.decode('utf-8')}")
