# The tutorial's chat client, in Python 3: send what the user types, print the server's answer, stop at "bye".
# Each message is one send() without a newline, and each answer one recv(1024).
import socket
import sys

host, port = sys.argv[1], int(sys.argv[2])
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.connect((host, port))
while True:
    user_input = input("Enter message: ")
    s.send(user_input.encode())
    if user_input.lower() == "bye":
        break
    response = s.recv(1024).decode()
    print("Server response:", response)
s.close()
