// Two reply servers: a fixed answer (the tutorial's chat server) and computed answers.
def fixed = server('fixed') {
    host '127.0.0.1'
    port 0
    framing 'chunks'
    reply 'Oi you sent something to me'
}

def computed = server('computed') {
    host '127.0.0.1'
    port 0
    framing 'lines'
    reply { Message msg, Connection conn ->
        msg.text == 'who' ? "you are ${conn.remoteAddress().address.hostAddress}" : msg.text.toUpperCase()
    }
}

client('tutorial') {
    connect host: '127.0.0.1', port: fixed    // a server of this script: its port is looked up when the client runs
    framing 'chunks'
    retries 2
    connectTimeout '2s'
    idleTimeout '5s'                 // a read waits at most this long (the same setting as a server's)
    writeTimeout '5s'
    chunkSize '1KB'
    send 'hello'
    expect 'Oi you sent something to me'
}

client('computed') {
    connect computed
    framing 'lines'
    send 'shout'
    expect 'SHOUT'
    send 'who'
    expect 'you are 127.0.0.1'
}

afterClients { List<ClientResult> results ->
    results.each { assert it.ok : it.error }
    shutdown()
}
