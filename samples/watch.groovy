// Watches a directory and sends each new or changed file to a file server once it is complete: the tutorial's
// many-scanners-to-one-inbox case, run continuously. Ctrl-C ends it (exit 130) after a summary.
//
//   ./ftrun samples/watch.groovy -Phost=localhost -Pport=9999 -Pdir=scans [-PstableFor=2s] [-Pexisting=false]
//
// A file is complete once its size and time have not changed for stableFor. Links and hidden names (a scanner's
// temporary, .scan.pdf.part) are never sent; the files already there are sent first, and the server skips those it
// holds unchanged, so restarting the watch sends only what is missing. The server must speak the framed protocol:
// samples/file-server.groovy -Pprotocol=framed.
params {
    description 'Watches a directory and sends each new or changed file to a file server once it is complete.'
    param 'host', 'localhost', 'the file server'
    param 'port', 9999, 'its port'
    param 'dir', String, 'the directory to watch'
    param 'stableFor', '2s', 'how long a file must stay unchanged to count as complete'
    param 'existing', true, 'send the files already there first (the server skips those it holds)'
}

client {
    connect params.host, params.intValue('port')
    protocol 'framed'
    retries 3                       // the server may still be starting: try again with backoff
    watch params.dir, stableFor: params.stableFor, existing: params.flag('existing')
}
