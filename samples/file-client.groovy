// Sends a file or a whole directory to a file server: framed (protocol v2, v1 with older receivers) by default.
//
//   ./ftrun samples/file-client.groovy -Phost=localhost -Pport=9999 -Pfile=report.pdf [-Pprotocol=auto|framed|raw] [-Pcompress]
//   ./ftrun samples/file-client.groovy --help          (the parameters below)
//
// framed: name, size and digest travel with the data; the receiver verifies and confirms each file, an upload cut
//         off resumes; -Pcompress deflates what shrinks. Exits 0 only when all are confirmed. auto (the default) is
//         framed, but a single file goes raw to an ftrun receiver that takes raw uploads only. raw: the bytes, then close.
params {
    description 'Sends a file or a whole directory to a file server.'
    param 'host', 'localhost', 'the receiver'
    param 'port', 9999, 'its port'
    param 'file', String, 'the file or directory to send'
    param 'protocol', 'auto', 'auto, framed or raw'
    param 'compress', false, 'deflate what shrinks (framed)'
}

client {
    connect params.host, params.intValue('port')
    protocol params.protocol
    if (params.flag('compress')) compress true
    retries 3                       // the server may still be starting: try again with backoff
    sendFile params.file
}
