// Quickstart: a file server and 20 concurrent clients in one script.
//
//   ./ftrun samples/quickstart.groovy            (-Pclients=N for another number)
//
// It starts a receiver on a free port, has 20 clients send generated files at once the way the
// tutorial client does (raw bytes, then close), checks that every file arrived intact under its own
// name, prints a summary and exits 0. Nothing is left behind.
import java.nio.file.Files
import java.nio.file.Path
import java.security.MessageDigest

int count = params.intValue('clients', 20)
Path work = Files.createTempDirectory('ftrun-quickstart')
Path outbox = Files.createDirectories(work.resolve('outbox'))
Path inbox = work.resolve('received')

// Files of different sizes (64 KiB .. 1 MiB), like a batch of PDFs.
def random = new Random(2026)
List<Path> files = (0..<count).collect { int i ->
    byte[] bytes = new byte[65536 + random.nextInt((1 << 20) - 65536)]
    random.nextBytes(bytes)
    Files.write(outbox.resolve("report_${i}.pdf"), bytes)
}

def receiver = server('inbox') {
    host '127.0.0.1'
    port 0                          // any free port; clients find it through `receiver`
    receiveFiles {
        into inbox.toString()
        naming counter('file_%d.pdf')
    }
}

clients(count) {
    connect receiver
    sendFile files[index]
}

afterClients { List<ClientResult> results ->
    def sha256 = { Path p -> MessageDigest.getInstance('SHA-256').digest(Files.readAllBytes(p)).encodeHex().toString() }
    List<Path> stored = Files.list(inbox).withCloseable { it.toList() }.findAll { !it.fileName.toString().startsWith('.') }
    def sentDigests = files.collect(sha256).sort()
    def storedDigests = stored.collect(sha256).sort()
    long bytes = files.sum { Files.size(it) } as long
    List<ClientResult> failed = results.findAll { ClientResult r -> !r.ok() }
    int ok = count - failed.size()

    println "quickstart: ${ok}/${count} clients succeeded, ${stored.size()} files stored, ${Units.formatSize(bytes)} in all"
    println "quickstart: stored as ${stored*.fileName*.toString().sort { it.find(/\d+/) as int }.join(', ')}"
    work.toFile().deleteDir()
    if (failed) fail("${failed.size()} client(s) failed: ${failed.collect { ClientResult r -> r.error() }}")
    if (storedDigests != sentDigests) fail('the stored files differ from the files sent')
    println 'quickstart: every file intact, none overwritten: OK'
    shutdown()
}
