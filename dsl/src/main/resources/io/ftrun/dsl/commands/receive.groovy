// ftrun receive --port N --dir D: the built-in file receiver, run as any script is (README, "One-line commands").
params {
    description 'Receives files into a directory until stopped (Ctrl-C): from ftrun send, verified, keeping their paths; and raw uploads (nc -N, the tutorials\' clients), numbered file_1, file_2, ... Nothing appears under its name before it is complete, and nothing is overwritten.'
    param 'port', 9999, 'the port to listen on (0: any free port)'
    param 'dir', 'received', 'where files are stored', value: 'DIR'
    param 'host', '0.0.0.0', 'the address to listen on (127.0.0.1: this machine only)', value: 'ADDRESS'
    param 'token-file', '', 'a file holding the token ftrun senders must present', value: 'FILE'
    param 'raw', false, 'raw uploads only: every connection\'s bytes are one file'
    param 'max-size', '2GB', 'the largest file taken', value: 'SIZE'
    param 'min-free', '1GB', 'the disk space that must stay free', value: 'SIZE'
    param 'tls-cert', '', 'speak TLS with this certificate chain (PEM); with --tls-key', value: 'FILE'
    param 'tls-key', '', 'the private key of --tls-cert (PEM)', value: 'FILE'
}
if (!params['tls-cert'] != !params['tls-key']) fail('--tls-cert and --tls-key go together')

server('receive') {
    host params.host
    port params.intValue('port')
    maxConnectionsPerAddress 20
    idleTimeout '30s'
    if (params['tls-cert']) {
        tls {
            certificate params['tls-cert']
            key params['tls-key']
        }
    }
    receiveFiles {
        into params.dir
        protocol params.flag('raw') ? 'raw' : 'auto'
        naming params.flag('raw') ? counter('file_%d') : original(onCollision: 'rename', raw: counter('file_%d'))
        maxSize params['max-size']
        minFreeSpace params['min-free']
        if (params['token-file']) token file: params['token-file']
        headerTimeout '5s'
        minRate '1KB'
    }
}
