// Downloads a file or a whole directory from a file server that serves one
// (samples/file-server.groovy -Pserve=DIR), each file verified before it appears under its name.
//
//   ./ftrun samples/fetch.groovy -Phost=localhost -Pport=9999 -Pfile=PATH [-Pdir=downloads] [-Pcompress] [-Ptoken=FILE]
//
// PATH is relative to the served directory ('.' for all of it); a directory arrives with its name first.
// Fetching again transfers only what changed; a cut download resumes; a local file that differs is never
// overwritten. -Pcompress asks the server to deflate what shrinks (slow links, text). Exits 0 only when
// everything arrived verified.
params {
    description 'Downloads a file or a whole directory from a file server that serves one, each file verified.'
    param 'host', 'localhost', 'the server'
    param 'port', 9999, 'its port'
    param 'file', String, 'what to fetch, relative to the served directory (. for all of it)'
    param 'dir', '.', 'where it goes'
    param 'compress', false, 'ask the server to deflate what shrinks'
    param 'token', '', 'a file holding the token the server asks downloads for'
}

client {
    connect params.host, params.intValue('port')
    retries 3                       // the server may still be starting: try again with backoff
    if (params.token) token file: params.token    // a server whose downloads need one (-PserveToken)
    fetch params.file, into: params.dir, compress: params.flag('compress')
}
