// Concurrency strategies and limits. A connection over a limit reads the refusal line, then end of stream.
import java.util.concurrent.CountDownLatch

def release = new CountDownLatch(1)
def holding = { Connection c -> release.await(); c.send('done') }

def one = server('one-at-a-time') {
    host '127.0.0.1'
    port 0
    concurrency threads(max: 1)           // thread per connection, at most one connection at once
    refusal 'BUSY try later\n'
    handle holding
}

def pooled = server('pooled') {
    host '127.0.0.1'
    port 0
    concurrency pool(size: 1, queue: 0)    // one worker and no queue: a second connection is refused
    maxConnectionsPerAddress 10
    idleTimeout '5s'
    writeTimeout '5s'
    shutdownGrace '2s'
    chunkSize '16KB'
    handle holding
}

server('others') {
    host '127.0.0.1'
    port 0
    concurrency pool(4)
    maxConnections 100
    echo()
}

server('serial') {
    host '127.0.0.1'
    port 0
    concurrency serial()                  // the tutorial's one-client-at-a-time server
    echo()
}

server('threads') {
    host '127.0.0.1'
    port 0
    concurrency threads()
    echo()
}

clients(2) {
    connect index == 0 ? one : pooled
    session { Connection first ->
        Thread.sleep(300)                 // the first connection is being served...
        def second = io.ftrun.core.Client.connect(io.ftrun.core.ClientConfig.builder()
                .port(index == 0 ? one.port : pooled.port).build())
        try {
            def refusal = second.receive()?.text
            assert refusal == (index == 0 ? 'BUSY try later\n' : 'ERROR server busy, try again later\n')
            assert second.receive() == null
        } finally {
            second.close()
        }
    }
}

afterClients { results ->
    release.countDown()
    results.each { assert it.ok : it.error }
    shutdown()
}
