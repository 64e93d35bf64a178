// Run outside any project: its relative paths ('inbox', params.file) resolve in the directory Maven runs in.
// params.file and params.note come from -Dftrun.args.
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
    sendFile params.file
}

log.info "note: ${params.note}"
