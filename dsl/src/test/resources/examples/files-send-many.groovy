// expect-exit: 1
// expect-error: files-send-many.groovy:36: client 'client' sendFiles: no file matches
// sendFiles: several files, directories and globs in one verified session; globs are looked up when it runs.
import java.nio.file.Files
import java.nio.file.Path

Path dir = Files.createTempDirectory('ftrun-example')
Files.createDirectories(dir.resolve('scans/2026'))
Files.createDirectories(dir.resolve('docs'))
Files.writeString(dir.resolve('report.pdf'), 'report')
Files.writeString(dir.resolve('docs/guide.txt'), 'guide')
Files.writeString(dir.resolve('scans/a.pdf'), 'scan a')
Files.writeString(dir.resolve('scans/2026/b.pdf'), 'scan b')
Files.writeString(dir.resolve('scans/notes.txt'), 'not a pdf')
Files.writeString(dir.resolve('scans/.hidden.pdf'), 'hidden: not matched by *')
Path inbox = dir.resolve('inbox')

def receiver = server('inbox') {
    host '127.0.0.1'
    port 0
    receiveFiles {
        into inbox.toString()
        protocol 'framed'
    }
}

client {
    connect receiver
    protocol 'framed'
    sendFiles dir.resolve('report.pdf'), dir.resolve('docs'), "${dir}/scans/**.pdf"   // ** crosses directories
}

client {
    connect receiver
    protocol 'framed'
    sendFiles "${dir}/scans/*.doc"                      // matches nothing: the client fails, saying so
}

afterClients { results ->
    assert results[0].ok : results[0].error
    def stored = Files.walk(inbox).withCloseable { s -> s.filter { Files.isRegularFile(it) && !it.fileName.toString().startsWith('.') }
            .map { inbox.relativize(it).toString() }.toList() }
    assert stored.sort(false) == ['2026/b.pdf', 'a.pdf', 'docs/guide.txt', 'report.pdf'] : stored
    assert !results[1].ok && results[1].error.contains("no file matches")
    dir.toFile().deleteDir()
    shutdown()
}
