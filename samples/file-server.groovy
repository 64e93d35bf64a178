// The tutorial's file receiver, done right: every client is served (the accept loop never stops),
// no file is ever overwritten (counter names are claimed atomically and continue after a restart),
// and no half-received file ever appears under a final name.
//
//   ./ftrun samples/file-server.groovy -Pport=9999 -Pdir=received [-Pprotocol=raw|framed|auto] [-Pserve=DIR [-PserveToken=FILE]]
//
// Send to it with the tutorial's python client, with `nc -N localhost 9999 < report.pdf`,
// or with samples/file-client.groovy (which also speaks the verified framed protocol).
// -Pserve=DIR also serves DIR for download on the same port (samples/fetch.groovy); raw uploads keep working
// (the protocol is then 'auto' unless you say otherwise). A served directory is readable by whoever reaches the
// port: serving, it listens on 127.0.0.1 unless -Phost=0.0.0.0, and -PserveToken=FILE asks downloads for a token.
params {
    description 'The tutorial\'s file receiver, done right: every client served, no file overwritten or half-written.'
    param 'port', 9999, 'the port to listen on'
    param 'dir', 'received', 'where files are stored'
    param 'protocol', '', 'raw, framed or auto (default: raw; auto when serving)'
    param 'host', '', 'the address to listen on (default: 0.0.0.0; 127.0.0.1 when serving)'
    param 'serve', '', 'also serve this directory for download (samples/fetch.groovy)'
    param 'serveToken', '', 'a file holding the token downloads must present'
}
String proto = params.protocol ?: (params.serve ? 'auto' : 'raw')

server('inbox') {
    host params.host ?: (params.serve ? '127.0.0.1' : '0.0.0.0')
    port params.intValue('port')
    // the default concurrency: a thread per client, virtual threads past 256 at once (JDK 21+): slots are cheap
    maxConnectionsPerAddress 20     // the tutorial's N < 20, per machine: a 21st upload from it waits, unread, for a slot
    maxConnections 1000             // past this, new clients wait in the kernel's listen queue; none is turned away
    idleTimeout '30s'               // a client that stalls for 30 s is cut off, its partial file discarded
    receiveFiles {
        into params.dir
        protocol proto
        // raw uploads carry no name: number them. Framed uploads keep the sender's names and folders.
        naming proto == 'raw' ? counter('file_%d.pdf') : original(onCollision: 'rename')
        maxSize '2GB'
        headerTimeout '5s'          // framed: the HELLO and each file's header must arrive whole within 5 s
        minRate '1KB'               // data must average 1 KiB/s after 10 s: a trickling peer cannot hold a slot
    }
    if (params.serve) {
        serveFiles {
            from params.serve           // read-only; nothing outside it, no symbolic link followed
            if (params.serveToken) token file: params.serveToken
        }
    }
}
