// Port 1 on loopback: nothing listens there, so the connection is refused.
client {
    connect '127.0.0.1', 1
    sendFile params.file
}
