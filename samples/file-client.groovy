// Sends a file or a whole directory to a file server: framed (protocol v2, v1 with older receivers) by default.
//
//   ./ftrun samples/file-client.groovy -Phost=localhost -Pport=9999 -Pfile=report.pdf [-Pprotocol=auto|framed|raw] [-Pcompress=true]
//
// framed: name, size and digest travel with the data; the receiver verifies and confirms each file, an upload cut
//         off resumes; -Pcompress=true deflates what shrinks. Exits 1 unless all confirmed. auto (the default) is
//         framed, but a single file goes raw to an ftrun receiver that takes raw uploads only. raw: the bytes, then close.
String file = params.file ?: fail('say which file to send: -Pfile=path/to/file (or a directory)')

client {
    connect params.host ?: 'localhost', params.port ?: 9999
    protocol params.protocol ?: 'auto'
    compress((params.compress ?: 'false').toBoolean())
    retries 3                       // the server may still be starting: try again with backoff
    sendFile file
}
