# The tutorial's greeter client: print what the server says, answer, repeat (here: a bounded number of rounds).
import socket
import sys

host, port, rounds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
sock = socket.socket()
sock.connect((host, port))
for _ in range(rounds):
    data = sock.recv(1024)
    print(data.decode(), end="", flush=True)
    sock.send(b"HI! I am client.")
sock.close()
