// Sends params.file, raw, to a receiver on this machine.
client {
    connect '127.0.0.1', params.port
    sendFile params.file
}
