# The tutorial's chat client: send a message (no newline), print the server's response; 'bye' ends it.
import socket
import sys
import time

host, port, messages = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.connect((host, port))
for user_input in messages:
    s.send(user_input.encode())
    if user_input.lower() == "bye":
        break
    response = s.recv(1024).decode()
    print("Server response:", response, flush=True)
s.close()
