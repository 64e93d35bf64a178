// The "hello world" of sockets: whatever arrives goes straight back, for every client at once.
//
//   ./ftrun samples/echo-server.groovy -Pport=65432
server('echo') {
    port params.port ?: 65432
    echo()
}
