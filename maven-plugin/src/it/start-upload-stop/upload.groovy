// Uploads params.file to the receiver on params.port, verified end to end.
client {
    connect '127.0.0.1', params.port
    protocol 'framed'
    sendFile params.file
}
