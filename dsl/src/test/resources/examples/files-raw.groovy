// Receiving raw uploads (bytes until the client closes): numbered, never overwritten, never half-written.
import java.nio.file.Files
import java.nio.file.Path

Path dir = Files.createTempDirectory('ftrun-example')
Path inbox = dir.resolve('inbox')
List<Path> outgoing = (0..<3).collect { int i -> Files.write(dir.resolve("doc${i}.pdf"), ("document ${i} " * 1000).bytes) }

def receiver = server('inbox') {
    host '127.0.0.1'
    port 0
    receiveFiles {
        into inbox.toString()
        protocol 'raw'
        naming counter('file_%d.pdf')
        maxSize '10MB'
        minFreeSpace '1MB'
        fsync true
    }
}

clients(3) {
    connect receiver
    sendFile outgoing[index].toString()
}

afterClients { results ->
    results.each { assert it.ok : it.error }
    List<String> names = Files.list(inbox).withCloseable { it.toList() }*.fileName*.toString().findAll { !it.startsWith('.ftrun-') }.sort()
    assert names == ['file_1.pdf', 'file_2.pdf', 'file_3.pdf']
    assert (names.collect { new String(Files.readAllBytes(inbox.resolve(it))) } as Set) ==
            (outgoing.collect { new String(Files.readAllBytes(it)) } as Set)
    dir.toFile().deleteDir()
    shutdown()
}
