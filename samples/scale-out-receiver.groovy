// One of several receivers behind a TCP load balancer (docs/SCALING.md): the balancer sends the PROXY protocol
// header, so logs, events and names show the real client; framed files keep the sender's path (so a sender that
// reconnects to another receiver, or runs again, has unchanged files skipped), and the instance identity keeps raw
// uploads' numbered names apart in a directory the receivers share; the health port answers checks and drains.
//   ./ftrun samples/scale-out-receiver.groovy -Pinstance=rx-1 -Pport=9001 -PhealthPort=8081 -Pdir=/srv/inbox
//   optional: -Phost=127.0.0.1, -Pproxy=v1|v2|any (default v2), -Ptrusted=10.0.0.5 (the balancer's address), -Pprotocol=raw|framed|auto
//   the health port listens on 127.0.0.1 unless -PhealthHost=10.0.0.11 (the address the balancer reaches), and only
//   this machine may drain unless -PdrainFrom=10.0.0.5,10.0.0.9 (addresses or CIDR ranges); -PdrainToken=SECRET also
//   requires `Authorization: Bearer SECRET` on POST /drain
String proxy = params.proxy ?: 'v2'

server(params.instance ?: 'receiver') {
    host params.host ?: '0.0.0.0'
    port params.port ?: 9000
    proxyProtocol proxy, trusted: params.trusted, timeout: '3s'
    idleTimeout '30s'
    shutdownGrace '30s'
    receiveFiles {
        into params.dir ?: 'received'
        protocol params.protocol ?: 'auto'
        instance params.instance ?: 'rx-1'
        // framed: the sender's path; a different file under a taken path is stored as report-1.pdf, never over it.
        // raw (no name): file_rx-1_1, file_rx-1_2, ...: never another instance's number
        naming original(onCollision: 'rename')
        maxSize '2GB'
    }
}

health {
    host params.healthHost ?: '127.0.0.1'     // never 0.0.0.0 by default: whoever reaches it sees the metrics
    port params.healthPort ?: 8081            // HAProxy: option httpchk GET /health + check port 8081
    drainTimeout '2m'                         // POST /drain: no new clients; transfers in flight get 2 minutes
    if (params.drainFrom) drainFrom(params.drainFrom.split(','))    // others get 403, and the log a warning
    if (params.drainToken) drainToken params.drainToken
}
