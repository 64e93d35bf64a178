// Benchmark receiver: raw uploads, one file per connection, as many connections at once as arrive.
//   ./ftrun bench/scripts/raw-server.groovy -Pport=PORT -Pdir=DIR [-PmaxSize=20GB]
server('bench-raw') {
    host '127.0.0.1'
    port params.port as int
    backlog 1024                    // the same accept queue every peer in the benchmark gets
    receiveFiles {
        into params.dir
        protocol 'raw'
        naming counter('file_%d')
        maxSize params.maxSize ?: '20GB'
        minFreeSpace '64MB'
    }
}
