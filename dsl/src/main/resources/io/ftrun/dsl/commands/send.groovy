// ftrun send FILE|DIR... --to HOST:PORT: the built-in upload, run as any script is (docs: README, "One-line commands").
import io.ftrun.dsl.cli.CommandOptions

params {
    description 'Sends files and directories to an ftrun receiver, each verified on arrival; an unchanged file is skipped and a cut upload resumes when sent again. With --raw, sends one file\'s bytes and closes, for a receiver that is not ftrun (nc -l, the tutorials\' servers).'
    param 'files', List, 'the files and directories to send', positional: true, value: 'FILE|DIR'
    param 'to', String, 'the receiver', value: 'HOST:PORT'
    param 'token-file', '', 'a file holding the receiver\'s token', value: 'FILE'
    param 'raw', false, 'send the bytes of one file, then close'
    param 'compress', false, 'deflate what shrinks (ftrun receivers)'
    CommandOptions.declareClientTls(delegate)
    param 'retries', 3, 'connection attempts after the first, with backoff'
}
HostPort to = HostPort.parse(params.to, '--to')
if (params.flag('raw')) {
    if (params['token-file']) fail('--raw and --token-file exclude each other: raw uploads carry no token')
    if (params.list('files').size() > 1) fail('--raw sends one file: a raw receiver tells files apart only by their connections')
    if (new File(params.list('files')[0]).isDirectory()) fail("--raw sends one file, and ${params.list('files')[0]} is a directory: drop --raw to send it framed")
}

client('send') {
    connect to.host(), to.port()
    retries params.intValue('retries')
    protocol params.flag('raw') ? 'raw' : 'auto'   // auto: framed, and one file goes raw to a raw-only ftrun receiver
    if (params.flag('compress')) compress true
    if (params['token-file']) token file: params['token-file']
    CommandOptions.clientTls(delegate, params)
    if (params.flag('raw')) sendFile params.list('files')[0] else sendFiles(*params.list('files'))
}
