// The "hello world" of sockets: whatever arrives goes straight back, for every client at once.
//
//   ./ftrun samples/echo-server.groovy -Pport=65432
params {
    description 'Echoes whatever arrives back to its sender, for every client at once.'
    param 'port', 65432, 'the port to listen on'
}

server('echo') {
    port params.intValue('port')
    maxConnectionsPerAddress 100     // one machine cannot take every slot; its 101st connection reads a refusal line
    idleTimeout '5m'                 // a client silent for 5 minutes is closed
    echo()
}
