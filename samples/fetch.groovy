// Downloads a file or a whole directory from a file server that serves one
// (samples/file-server.groovy -Pserve=DIR), each file verified before it appears under its name.
//
//   ./ftrun samples/fetch.groovy -Phost=localhost -Pport=9999 -Pfile=PATH [-Pdir=downloads] [-Pcompress=true] [-Ptoken=FILE]
//
// PATH is relative to the served directory ('.' for all of it); a directory arrives with its name first.
// Fetching again transfers only what changed; a cut download resumes; a local file that differs is never
// overwritten. -Pcompress=true asks the server to deflate what shrinks (slow links, text). Exits 0 only when
// everything arrived verified.
String file = params.file ?: fail('say what to fetch: -Pfile=path (relative to the served directory, . for all of it)')

client {
    connect params.host ?: 'localhost', params.port ?: 9999
    retries 3                       // the server may still be starting: try again with backoff
    if (params.token) token file: params.token    // a server whose downloads need one (-PserveToken)
    fetch file, into: params.dir ?: '.', compress: (params.compress ?: 'false').toBoolean()
}
