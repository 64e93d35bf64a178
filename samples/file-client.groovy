// Sends a file (raw or framed) or a whole directory (framed) to a file server.
//
//   ./ftrun samples/file-client.groovy -Phost=localhost -Pport=9999 -Pfile=report.pdf [-Pprotocol=raw|framed] [-Pcompress=true]
//
// raw:    the bytes, then close: what the tutorial client does. Any ftrun, nc or python receiver takes it.
// framed: name, size and digest travel with the data; the receiver verifies and confirms each file,
//         an upload cut off resumes; -Pcompress=true deflates what shrinks. Exits 1 unless all confirmed.
String file = params.file ?: fail('say which file to send: -Pfile=path/to/file (a directory with -Pprotocol=framed)')

client {
    connect params.host ?: 'localhost', params.port ?: 9999
    protocol params.protocol ?: 'raw'
    compress((params.compress ?: 'false').toBoolean())
    retries 3                       // the server may still be starting: try again with backoff
    sendFile file
}
