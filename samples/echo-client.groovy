// Sends a message to an echo server and prints what comes back.
//
//   ./ftrun samples/echo-client.groovy -Phost=localhost -Pport=65432 -Pmessage='Hello, server!'
//
// It sends, then half-closes (the server sees end of stream) and reads the answer to its end:
// no guessing at message boundaries, however TCP cuts the bytes.
client {
    connect params.host ?: 'localhost', params.port ?: 65432
    framing 'raw'
    send params.message ?: 'Hello, server! This is a test message.'
    finish()
    receive { Message reply -> println "Received from server: ${reply?.text}" }
}
