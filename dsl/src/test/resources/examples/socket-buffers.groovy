// Socket buffers for long fat links. TCP sends at most one receive window per round trip, and a window above
// 64 KiB needs its receive buffer before the handshake: the server sets it on its listening socket, the client
// before it connects. Size it as bandwidth × round trip (100 Mbit/s × 80 ms = 1 MB). Unset, the kernel autotunes.
import java.security.MessageDigest

byte[] data = new byte[4 << 20]
new Random(42).nextBytes(data)
String sent = "${data.length} ${MessageDigest.getInstance('SHA-256').digest(data).encodeHex()}".toString()

def inbox = server('inbox') {
    host '127.0.0.1'
    port 0
    receiveBuffer '1MB'
    sendBuffer 65536                      // a plain number is bytes; 1KB..64MB
    framing 'raw', maxSize: '8MB'         // one message: everything until the client finishes
    reply { Message msg -> "${msg.bytes.length} ${MessageDigest.getInstance('SHA-256').digest(msg.bytes).encodeHex()}".toString() }
}

client('uploader') {
    connect inbox
    receiveBuffer '256KB'
    sendBuffer '1MB'
    send data
    finish()
    expect sent                           // the server counted and hashed every byte
}

afterClients { List<ClientResult> results ->
    results.each { assert it.ok : it.error }
    shutdown()
}
