// The tutorial's file receiver, done right: every client is served (the accept loop never stops),
// no file is ever overwritten (counter names are claimed atomically and continue after a restart),
// and no half-received file ever appears under a final name.
//
//   ./ftrun samples/file-server.groovy -Pport=9999 -Pdir=received [-Pprotocol=raw|framed]
//
// Send to it with the tutorial's python client, with `nc -N localhost 9999 < report.pdf`,
// or with samples/file-client.groovy (which also speaks the verified framed protocol).
String proto = params.protocol ?: 'raw'

server('inbox') {
    port params.port ?: 9999
    concurrency threads(max: 20)    // one thread per client, at most 20 at once; more get a clear refusal
    idleTimeout '30s'               // a client that stalls for 30 s is cut off, its partial file discarded
    receiveFiles {
        into params.dir ?: 'received'
        protocol proto
        // raw uploads carry no name: number them. Framed uploads keep the sender's names and folders.
        naming proto == 'raw' ? counter('file_%d.pdf') : original(onCollision: 'rename')
        maxSize '2GB'
    }
}
