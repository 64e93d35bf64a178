// Run outside any project: its relative paths ('inbox', 'payload.txt') resolve in the directory Maven runs in.
def inbox = server('inbox') {
    host '127.0.0.1'
    port 0
    receiveFiles {
        into 'inbox'
        protocol 'framed'
    }
}

client {
    connect inbox
    protocol 'framed'
    sendFile 'payload.txt'
}
