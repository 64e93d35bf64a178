# A line chat member: connect, optionally wait, send lines, then print everything received for a while.
import socket
import sys
import time

host, port, linger = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
lines = sys.argv[4:]
s = socket.create_connection((host, port))
time.sleep(0.3)
for line in lines:
    s.sendall((line + "\n").encode())
s.settimeout(0.2)
end = time.time() + linger
buf = b""
while time.time() < end:
    try:
        chunk = s.recv(4096)
        if not chunk:
            break
        buf += chunk
    except socket.timeout:
        pass
s.close()
sys.stdout.write(buf.decode())
