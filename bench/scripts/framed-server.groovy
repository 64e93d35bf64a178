// Benchmark receiver for verified (framed) uploads.
//   ./ftrun bench/scripts/framed-server.groovy -Pport=PORT -Pdir=DIR [-Pserve=DIR]   (-Pserve: also serves DIR for download)
server('bench-framed') {
    host '127.0.0.1'
    port params.port as int
    backlog 1024
    receiveFiles {
        into params.dir
        protocol 'framed'
        naming original(onCollision: 'rename')
        maxSize '20GB'
        minFreeSpace '64MB'
    }
    if (params.serve) {
        serveFiles { from params.serve }
    }
}
