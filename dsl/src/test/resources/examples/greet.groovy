// Greeting servers: a fixed greeting, and a configured one that counts the answers it hears.
import java.util.concurrent.atomic.AtomicInteger

def heard = new AtomicInteger()

def simple = server('simple') {
    host '127.0.0.1'
    port 0
    framing 'lines'
    greet 'hi'
}

def configured = server('configured') {
    host '127.0.0.1'
    port 0
    framing 'lines'
    greet {
        message 'Hi! I am server'
        every '10ms'
        rounds 3
        onAnswer { Message answer -> if (answer.text == 'HI! I am client.') heard.incrementAndGet() }
    }
}

client {
    connect simple
    framing 'lines'
    expect 'hi'
    send 'hello'
    expect 'hi'
}

client {
    connect configured
    framing 'lines'
    session { Connection conn ->
        3.times {
            assert conn.receive().text == 'Hi! I am server'
            conn.send('HI! I am client.')
        }
        assert conn.receive() == null        // three rounds, then the server closes
    }
}

afterClients { results ->
    results.each { assert it.ok : it.error }
    assert heard.get() == 3
    shutdown()
}
