// One of several receivers behind a TCP load balancer (docs/SCALING.md): the balancer sends the PROXY protocol
// header, so logs, events and names show the real client; framed files keep the sender's path (so a sender that
// reconnects to another receiver, or runs again, has unchanged files skipped), and the instance identity keeps raw
// uploads' numbered names apart in a directory the receivers share; the health port answers checks and drains.
//   ./ftrun samples/scale-out-receiver.groovy -Pinstance=rx-1 -Pport=9001 -PhealthPort=8081 -Pdir=/srv/inbox
//   optional: -Phost=127.0.0.1, -Pproxy=v1|v2|any (default v2), -Ptrusted=10.0.0.5 (the balancer's address), -Pprotocol=raw|framed|auto
//   the health port listens on 127.0.0.1 unless -PhealthHost=10.0.0.11 (the address the balancer reaches), and only
//   this machine may drain unless -PdrainFrom=10.0.0.5,10.0.0.9 (addresses or CIDR ranges); -PdrainToken=SECRET also
//   requires `Authorization: Bearer SECRET` on POST /drain
params {
    description 'One of several receivers behind a TCP load balancer, sharing one directory (docs/SCALING.md).'
    param 'instance', 'rx-1', 'this receiver\'s identity (its server\'s name, and in raw uploads\' names)'
    param 'host', '0.0.0.0', 'the address to listen on'
    param 'port', 9000, 'the port the balancer sends to'
    param 'proxy', 'v2', 'the PROXY protocol the balancer speaks: v1, v2 or any'
    param 'trusted', '', 'the balancer\'s address, the only one whose PROXY header is believed'
    param 'dir', 'received', 'the directory the receivers share'
    param 'protocol', 'auto', 'raw, framed or auto'
    param 'healthHost', '127.0.0.1', 'the address of the health port (the one the balancer reaches)'
    param 'healthPort', 8081, 'the health port: GET /health, /metrics, POST /drain'
    param 'drainFrom', '', 'addresses or CIDR ranges, comma-separated, that may drain (default: this machine)'
    param 'drainToken', '', 'a secret POST /drain must also present as a bearer token'
}

server(params.instance) {
    host params.host
    port params.intValue('port')
    proxyProtocol params.proxy, trusted: params.trusted ?: null, timeout: '3s'
    idleTimeout '30s'
    shutdownGrace '30s'
    receiveFiles {
        into params.dir
        protocol params.protocol
        instance params.instance
        // framed: the sender's path; a different file under a taken path is stored as report-1.pdf, never over it.
        // raw (no name): file_rx-1_1, file_rx-1_2, ...: never another instance's number
        naming original(onCollision: 'rename')
        maxSize '2GB'
    }
}

health {
    host params.healthHost                    // never 0.0.0.0 by default: whoever reaches it sees the metrics
    port params.intValue('healthPort')        // HAProxy: option httpchk GET /health + check port 8081
    drainTimeout '2m'                         // POST /drain: no new clients; transfers in flight get 2 minutes
    if (params.drainFrom) drainFrom(params.drainFrom.split(','))    // others get 403, and the log a warning
    if (params.drainToken) drainToken params.drainToken
}
