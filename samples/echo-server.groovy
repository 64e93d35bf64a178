// The "hello world" of sockets: whatever arrives goes straight back, for every client at once.
//
//   ./ftrun samples/echo-server.groovy -Pport=65432
server('echo') {
    port params.port ?: 65432
    maxConnectionsPerAddress 100     // one machine cannot take every slot; its 101st connection reads a refusal line
    idleTimeout '5m'                 // a client silent for 5 minutes is closed
    echo()
}
