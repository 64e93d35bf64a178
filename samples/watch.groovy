// Watches a directory and sends each new or changed file to a file server once it is complete: the tutorial's
// many-scanners-to-one-inbox case, run continuously. Ctrl-C ends it (exit 130) after a summary.
//
//   ./ftrun samples/watch.groovy -Phost=localhost -Pport=9999 -Pdir=scans [-PstableFor=2s] [-Pexisting=false]
//
// A file is complete once its size and time have not changed for stableFor. Links and hidden names (a scanner's
// temporary, .scan.pdf.part) are never sent; the files already there are sent first, and the server skips those it
// holds unchanged, so restarting the watch sends only what is missing. The server must speak the framed protocol:
// samples/file-server.groovy -Pprotocol=framed.
String dir = params.dir ?: fail('say which directory to watch: -Pdir=scans')

client {
    connect params.host ?: 'localhost', params.port ?: 9999
    protocol 'framed'
    retries 3                       // the server may still be starting: try again with backoff
    watch dir, stableFor: params.stableFor ?: '2s', existing: (params.existing ?: 'true').toBoolean()
}
