// expect-exit: 1
// expect-error: files-hooks.groovy:23: onFile for tree/bad.txt: refusing bad.txt
// Hooks: onFile runs once for each file stored, after it is complete, verified and under its final name.
import java.nio.file.Files
import java.nio.file.Path

Path dir = Files.createTempDirectory('ftrun-example')
Files.createDirectories(dir.resolve('tree/sub'))
Files.writeString(dir.resolve('tree/a.txt'), 'alpha')
Files.writeString(dir.resolve('tree/sub/b.txt'), 'beta')
Files.writeString(dir.resolve('tree/bad.txt'), 'a hook refuses this one')
Files.createDirectories(dir.resolve('inbox'))
def stored = [].asSynchronized()
def fetched = [].asSynchronized()

def inbox = server('inbox') {
    host '127.0.0.1'
    port 0
    receiveFiles {
        into dir.resolve('inbox').toString()
        protocol 'framed'
        onFile { f ->                                   // f: path, name, original, size, algorithm, digest, remote
            if (f.name.endsWith('bad.txt')) throw new IllegalStateException('refusing bad.txt')
            assert Files.readString(f.path).size() == f.size     // in place and complete already
            stored << "${f.name} ${f.size} ${f.algorithm} from ${f.remote.startsWith('127.0.0.1:')}"
        }
    }
    serveFiles { from dir.resolve('inbox').toString() }
}

client {
    connect inbox
    protocol 'framed'
    sendFile dir.resolve('tree').toString()
    sendFile dir.resolve('tree').toString()             // again: every file skipped as unchanged, no hook called
    fetch 'tree/sub', into: dir.resolve('down').toString(), onFile: { StoredFile f -> fetched << f.name + ' <- ' + f.original }
}

afterClients { results ->
    assert results[0].ok : results[0].error
    assert stored.sort() == ['tree/a.txt 5 sha-256 from true', 'tree/sub/b.txt 4 sha-256 from true']
    assert Files.readString(dir.resolve('inbox/tree/bad.txt')) == 'a hook refuses this one'   // a failing hook keeps the file
    assert fetched == ['sub/b.txt <- sub/b.txt'] : fetched
    dir.toFile().deleteDir()
    shutdown()
}
