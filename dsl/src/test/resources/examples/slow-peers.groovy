// Holding the door: uploads over a limit wait (a raw sender cannot read a refusal); a trickling peer is cut off by
// the minimum rate, and a framed header has a deadline of its own (docs/PROTOCOL.md, "Timeouts and limits").
import java.nio.file.Files
import java.nio.file.Path

Path dir = Files.createTempDirectory('ftrun-example')
Path inbox = dir.resolve('inbox')
List<Path> outgoing = (0..<4).collect { int i -> Files.write(dir.resolve("doc${i}.pdf"), ("page ${i} " * 5000).bytes) }

def receiver = server('inbox') {
    host '127.0.0.1'
    port 0
    concurrency virtual()             // a slot costs a virtual thread (JDK 21+; platform threads on 17)
    maxConnectionsPerAddress 2        // the third and fourth upload from this address wait for a slot...
    maxWaiting 100                    // ...parked unread, without a thread; past 100 the server stops accepting
    idleTimeout '30s'
    receiveFiles {
        into inbox.toString()
        protocol 'auto'
        naming counter('file_%d.pdf')
        headerTimeout '5s'            // a framed HELLO or FILE header must arrive whole within 5 s
        minRate '1KB', grace: '1s'    // a file's data must average 1 KiB/s once the first second has passed
    }
}

clients(4) {
    connect receiver
    sendFile outgoing[index].toString()
}

afterClients { results ->
    results.each { assert it.ok : it.error }
    assert Files.list(inbox).withCloseable { it.toList() }.findAll { !it.fileName.toString().startsWith('.') }.size() == 4
    dir.toFile().deleteDir()
    shutdown()
}
