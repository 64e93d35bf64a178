// watch: send each new or changed file once it is complete (unchanged for stableFor), until the run stops.
import java.nio.file.Files
import java.nio.file.Path

Path dir = Files.createTempDirectory('ftrun-example')
Path scans = Files.createDirectories(dir.resolve('scans'))
Files.writeString(scans.resolve('monday.pdf'), 'there before the watch: sent too')
Files.writeString(scans.resolve('.scanner.tmp'), 'hidden: a writer\'s temporary, never sent')
Path inbox = dir.resolve('inbox')

// a scanner still writing when the watch begins: the file is sent once, whole, after it stops growing
Thread scanner = Thread.start {
    Path f = scans.resolve('tuesday.pdf')
    10.times { Files.writeString(f, "page $it\n", java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND); Thread.sleep(60) }
}

def receiver = server('inbox') {
    host '127.0.0.1'
    port 0
    receiveFiles {
        into inbox.toString()
        protocol 'framed'
        naming original(onCollision: 'reject')   // a second, different version under one name would be refused
    }
}

client {
    connect receiver
    protocol 'framed'
    watch scans.toString(), stableFor: '300ms', every: '50ms', stopAfter: '2s'
}

afterClients { results ->
    assert results[0].ok : results[0].error
    scanner.join()
    assert Files.readString(inbox.resolve('scans/monday.pdf')) == 'there before the watch: sent too'
    assert Files.readString(inbox.resolve('scans/tuesday.pdf')).readLines().size() == 10
    assert !Files.exists(inbox.resolve('scans/.scanner.tmp'))
    dir.toFile().deleteDir()
    shutdown()
}
