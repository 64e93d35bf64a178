// ftrun receive --port N --dir D: the built-in file receiver, run as any script is (README, "One-line commands").
import io.ftrun.dsl.cli.CommandOptions

params {
    description 'Receives files into a directory until stopped (Ctrl-C): from ftrun send, verified, keeping their paths; and raw uploads (nc -N, the tutorials\' clients), numbered file_1, file_2, ... Nothing appears under its name before it is complete, and nothing is overwritten.'
    param 'dir', 'received', 'where files are stored', value: 'DIR'
    CommandOptions.declareListener(delegate, '0.0.0.0', '127.0.0.1: this machine only')
    param 'token-file', '', 'a file holding the token senders must present; raw uploads, which carry none, are then refused', value: 'FILE'
    param 'raw', false, 'raw uploads only: every connection\'s bytes are one file'
    param 'max-size', '2GB', 'the largest file taken', value: 'SIZE'
    param 'min-free', '1GB', 'the disk space that must stay free', value: 'SIZE'
}

// A token restricts who may write: raw uploads cannot present one, so with a token only framed senders are taken.
boolean tokened = params['token-file'] as boolean
if (tokened && params.flag('raw')) fail('--raw and --token-file exclude each other: raw uploads carry no token')
// listening on every interface with no token, as nc -l does: whoever reaches the port may write (down to --min-free)
if (!tokened && params.host in ['0.0.0.0', '::']) {
    log.warn "taking files from anyone who can reach its port: --host 127.0.0.1 keeps it to this machine, --token-file to senders with the token"
}

server('receive') {
    CommandOptions.listener(delegate, params)
    receiveFiles {
        into params.dir
        protocol params.flag('raw') ? 'raw' : tokened ? 'framed' : 'auto'
        naming params.flag('raw') ? counter('file_%d') : original(onCollision: 'rename', raw: counter('file_%d'))
        maxSize params['max-size']
        minFreeSpace params['min-free']
        if (params['token-file']) token file: params['token-file']
        headerTimeout '5s'
        minRate '1KB'
    }
}
