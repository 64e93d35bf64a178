// expect-exit: 5
// expect-error: files-download.groovy:41: client 'client' fetch: 0 of 1 file(s) stored; not stored: app.jar (not-authorised
// Downloads: one server receives uploads and serves a directory; clients list and fetch files and trees.
import java.nio.file.Files
import java.nio.file.Path

Path dir = Files.createTempDirectory('ftrun-example')
Path pub = Files.createDirectories(dir.resolve('pub/docs'))
Files.writeString(dir.resolve('pub/app.jar'), 'binary')
Files.writeString(pub.resolve('guide.txt'), 'read me')
Files.writeString(dir.resolve('pub/notes.tmp'), 'not for you')
Files.writeString(dir.resolve('fetch-token.txt'), 's3cret')
Path down = dir.resolve('down')

def files = server('files') {
    host '127.0.0.1'
    port 0
    receiveFiles {
        into dir.resolve('inbox').toString()
        protocol 'framed'
    }
    serveFiles {
        from dir.resolve('pub').toString()              // read-only; no symbolic link is followed
        token file: dir.resolve('fetch-token.txt').toString()   // downloads need this token; uploads do not
        allow 'app.jar', 'docs/**'                      // only these paths; notes.tmp is not served
    }
}

def listed = []
client {
    connect files
    token file: dir.resolve('fetch-token.txt').toString()
    list('') { found -> listed.addAll(found*.path) }    // what a fetch of everything would bring
    fetch 'app.jar', 'docs', into: down.toString()      // a file under its name, a directory with its name first
    fetch 'docs', into: down.toString()                 // again: unchanged, skipped
    fetch 'app.jar', into: down.toString(), overwrite: true, resume: true, digest: 'sha256', compress: true
}

client {
    connect files
    fetch 'app.jar', into: dir.resolve('other').toString()   // no token: refused, the client fails, the run exits 5
}

afterClients { results ->
    assert results[0].ok : results[0].error
    assert listed == ['app.jar', 'docs/guide.txt']
    assert Files.readString(down.resolve('app.jar')) == 'binary'
    assert Files.readString(down.resolve('docs/guide.txt')) == 'read me'
    assert !results[1].ok && results[1].error.contains('not-authorised')
    assert !Files.exists(dir.resolve('other/app.jar'))
    dir.toFile().deleteDir()
    shutdown()
}
