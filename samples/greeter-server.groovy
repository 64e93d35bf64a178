// The tutorial's greeting server: it greets each client, reads its answer, and does it again,
// for as long as the client stays. One thread per client.
//
//   ./ftrun samples/greeter-server.groovy -Pport=52000 [-Pevery=1s]
params {
    description 'The tutorial\'s greeting server: it greets each client, reads its answer, and does it again.'
    param 'port', 52000, 'the port to listen on'
    param 'every', '1s', 'how often each client is greeted'
}

server('greeter') {
    port params.intValue('port')
    concurrency threads()
    maxConnectionsPerAddress 100     // one machine cannot take every thread
    idleTimeout '2m'                 // a client that stops answering for 2 minutes is closed
    framing 'chunks'                 // the tutorial client answers without a newline
    greet {
        message 'Hi! I am server\n'
        every params.every
        onAnswer { Message answer -> log.info "client says: ${answer.text}" }
    }
}
