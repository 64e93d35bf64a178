// A line echo server and a client that checks each answer.
def echo = server('echo') {
    host '127.0.0.1'
    port 0
    backlog 50                       // the kernel's queue of not-yet-accepted connections, not a client limit
    reuseAddress true
    concurrency virtual()            // virtual threads on JDK 21+, platform threads (with a warning) on 17
    framing 'lines', maxSize: '4KB'
    echo()
}

client {
    connect echo
    framing 'lines'
    send 'hello'
    expect 'hello'
    send 'wörld'
    expect { Message m -> m.text == 'wörld' }
    send 'third'
    receive { Message m -> assert m.text == 'third' }
    send 'fourth'
    receive()
    finish()                          // half-close: the server sees end of stream and closes too
    receive { Message m -> assert m == null }
}

afterClients { results ->
    assert results.size() == 1
    assert results[0].ok : results[0].error
    assert results[0].received == ['hello', 'wörld', 'third', 'fourth']
    shutdown()
}
