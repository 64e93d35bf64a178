// ftrun serve DIR --port N: the built-in download server, run as any script is (README, "One-line commands").
import io.ftrun.dsl.cli.CommandOptions

params {
    description 'Serves a directory for ftrun fetch until stopped (Ctrl-C): read-only, each file verified on arrival, unchanged files skipped, cut downloads resumed. No symbolic link is followed and nothing outside DIR is served.'
    param 'dir', String, 'the directory to serve', positional: true, value: 'DIR'
    CommandOptions.declareListener(delegate, '127.0.0.1', '0.0.0.0: every interface; whoever reaches it can read DIR')
    param 'token-file', '', 'a file holding the token downloads must present', value: 'FILE'
}

server('serve') {
    CommandOptions.listener(delegate, params)
    serveFiles {
        from params.dir
        if (params['token-file']) token file: params['token-file']
    }
}
