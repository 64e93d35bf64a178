// Sends a message to an echo server and prints what comes back.
//
//   ./ftrun samples/echo-client.groovy -Phost=localhost -Pport=65432 -Pmessage='Hello, server!'
//
// It sends, then half-closes (the server sees end of stream) and reads the answer to its end:
// no guessing at message boundaries, however TCP cuts the bytes.
params {
    description 'Sends a message to an echo server and prints what comes back.'
    param 'host', 'localhost', 'the echo server'
    param 'port', 65432, 'its port'
    param 'message', 'Hello, server! This is a test message.', 'what to send'
}

client {
    connect params.host, params.intValue('port')
    framing 'raw'
    send params.message
    finish()
    receive { Message reply -> println "Received from server: ${reply?.text}" }
}
