// ftrun fetch HOST:PORT PATH... --dir D: the built-in download, run as any script is (README, "One-line commands").
import io.ftrun.dsl.cli.CommandOptions

params {
    description 'Downloads files or directories from ftrun serve, each verified before it appears under its name. Fetching again transfers only what changed, a cut download resumes, and a local file that differs is left alone (the fetch fails for it) unless --overwrite.'
    param 'from', String, 'the server', positional: true, value: 'HOST:PORT'
    param 'paths', List, 'what to fetch, relative to the served directory (. for all of it)', positional: true, value: 'PATH'
    param 'dir', '.', 'where the files go', value: 'DIR'
    param 'token-file', '', 'a file holding the server\'s token', value: 'FILE'
    param 'overwrite', false, 'replace local files that differ'
    param 'compress', false, 'ask the server to deflate what shrinks'
    CommandOptions.declareClientTls(delegate)
    param 'retries', 3, 'connection attempts after the first, with backoff'
}
HostPort from = HostPort.parse(params.from, 'fetch')

client('fetch') {
    connect from.host(), from.port()
    retries params.intValue('retries')
    if (params['token-file']) token file: params['token-file']
    CommandOptions.clientTls(delegate, params)
    fetch([into: params.dir, compress: params.flag('compress'), overwrite: params.flag('overwrite')], *params.list('paths'))
}
