// Benchmark echo server: whatever arrives goes straight back.
//   ./ftrun bench/scripts/echo-server.groovy -Pport=PORT
server('bench-echo') {
    host '127.0.0.1'
    port params.port as int
    backlog 1024
    echo()
}
