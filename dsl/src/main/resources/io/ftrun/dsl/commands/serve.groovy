// ftrun serve DIR --port N: the built-in download server, run as any script is (README, "One-line commands").
params {
    description 'Serves a directory for ftrun fetch until stopped (Ctrl-C): read-only, each file verified on arrival, unchanged files skipped, cut downloads resumed. No symbolic link is followed and nothing outside DIR is served.'
    param 'dir', String, 'the directory to serve', positional: true, value: 'DIR'
    param 'port', 9999, 'the port to listen on (0: any free port)'
    param 'host', '127.0.0.1', 'the address to listen on (0.0.0.0: every interface; whoever reaches it can read DIR)', value: 'ADDRESS'
    param 'token-file', '', 'a file holding the token downloads must present', value: 'FILE'
    param 'tls-cert', '', 'speak TLS with this certificate chain (PEM); with --tls-key', value: 'FILE'
    param 'tls-key', '', 'the private key of --tls-cert (PEM)', value: 'FILE'
}
if (!params['tls-cert'] != !params['tls-key']) fail('--tls-cert and --tls-key go together')

server('serve') {
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
    serveFiles {
        from params.dir
        if (params['token-file']) token file: params['token-file']
    }
}
