// The verified framed protocol: names, sizes and digests travel with the data; a whole tree is sent.
import java.nio.file.Files
import java.nio.file.Path

Path dir = Files.createTempDirectory('ftrun-example')
Path tree = Files.createDirectories(dir.resolve('tree/sub'))
Files.writeString(dir.resolve('tree/a.txt'), 'alpha')
Files.writeString(tree.resolve('b.txt'), 'beta')
Path inbox = dir.resolve('inbox')

def receiver = server('inbox') {
    host '127.0.0.1'
    port 0
    receiveFiles {
        into inbox.toString()
        protocol 'framed'
        naming original(onCollision: 'rename')
        digests 'crc32c', 'sha256'
        resume true
    }
}

client {
    connect receiver
    protocol 'framed'
    digest 'sha256'
    resume false
    compress true                                       // deflate the data where it shrinks (text); the receiver inflates it
    sendFile dir.resolve('tree').toString()
}

client {
    connect receiver
    protocol 'framed'
    skipUnchanged false                                 // send every file even if the receiver holds it
    sendFile dir.resolve('tree').toString()           // the same names again: stored as renamed copies
}

client {
    connect receiver
    protocol 'auto'                                     // framed (a single file would go raw to a raw-only receiver)
                                                        // skipUnchanged is on by default:
    sendFile dir.resolve('tree').toString()           // unchanged files (path, size, mtime) are skipped, not stored again
}

afterClients { results ->
    results.each { assert it.ok : it.error }
    assert Files.readString(inbox.resolve('tree/a.txt')) == 'alpha'
    assert Files.readString(inbox.resolve('tree/sub/b.txt')) == 'beta'
    def copies = Files.list(inbox.resolve('tree')).withCloseable { it.toList() }.findAll { it.fileName.toString().startsWith('a') }
    assert copies.size() == 2 && copies.every { Files.readString(it) == 'alpha' }   // the third client added none
    dir.toFile().deleteDir()
    shutdown()
}
