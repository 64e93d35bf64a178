// expect-exit: 1
// expect-error: failing-client.groovy:15: client 'client' expect: expected 'goodbye' but received 'hello'
// A client whose expectation fails makes the run fail (exit 1), naming the line; fail() does the same.
def echo = server('echo') {
    host '127.0.0.1'
    port 0
    framing 'lines'
    echo()
}

client {
    connect echo
    framing 'lines'
    send 'hello'
    expect 'goodbye'
}

afterClients { results ->
    shutdown()
    if (!results[0].ok) fail('the client failed, as it should')
}
