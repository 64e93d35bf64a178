// The tutorial's thread-per-client server: each client may keep sending, and every message is
// answered with 'Oi you sent something to me'. The tutorial's clients send without newlines, so
// messages are whatever one read brings ('chunks' framing), exactly like their recv(1024).
//
//   ./ftrun samples/chat-server.groovy -Pport=8000
params {
    description 'The tutorial\'s thread-per-client server: every message is answered.'
    param 'port', 8000, 'the port to listen on'
}

server('chat') {
    port params.intValue('port')
    concurrency threads()
    maxConnectionsPerAddress 100     // one machine cannot take every thread; its 101st client reads a refusal line
    idleTimeout '10m'                // a client silent for 10 minutes is closed
    framing 'chunks'
    reply { Message msg ->
        log.info "Client sent: ${msg.text}"
        'Oi you sent something to me'
    }
}
