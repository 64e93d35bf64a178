// expect-exit: 1
// expect-error: files-hooks-fetch.groovy:23: client 'client' fetch: onFile for report.txt: no room in the archive
// A fetch's onFile that throws fails the step, after the file is stored: it stays where it arrived.
import java.nio.file.Files
import java.nio.file.Path

Path dir = Files.createTempDirectory('ftrun-example')
Files.createDirectories(dir.resolve('pub'))
Files.writeString(dir.resolve('pub/report.txt'), 'quarterly')

def files = server('files') {
    host '127.0.0.1'
    port 0
    serveFiles { from dir.resolve('pub').toString() }
}

def seen = []
client {
    connect files
    fetch 'report.txt', into: dir.resolve('down').toString(), onFile: { StoredFile f ->    // typed: a map option gives the closure no type of its own
        seen << f.name
        assert f.digest != null && Files.size(f.path) == 9
        throw new IOException('no room in the archive')
    }
}

afterClients { results ->
    assert seen == ['report.txt']
    assert !results[0].ok
    assert Files.readString(dir.resolve('down/report.txt')) == 'quarterly'
    dir.toFile().deleteDir()
    shutdown()
}
