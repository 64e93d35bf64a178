// Naming policies: timestamps, UUIDs, templates, the sender's name, and your own code.
import java.nio.file.Files
import java.nio.file.Path

Path dir = Files.createTempDirectory('ftrun-example')
Path file = Files.writeString(dir.resolve('report.pdf'), 'content')
Map<String, ServerHandle> servers = [:]

def policies = [
        stamped : timestamp('upload_%s.bin'),
        unique  : uuid(),
        templ   : template('{remote}-{counter}.dat'),
        mine    : naming { NameRequest req -> "from-${req.remoteHost()}.bin" },
        kept    : original(),
        strict  : original('reject'),
]
policies.each { String name, NamingPolicy policy ->
    servers[name] = server(name) {
        host '127.0.0.1'
        port 0
        receiveFiles {
            into dir.resolve(name).toString()
            protocol 'auto'                    // framed when the client speaks it, raw otherwise
            naming policy
        }
    }
}

def custom = server('custom') {
    host '127.0.0.1'
    port 0
    receiveFiles {
        into dir.resolve('custom').toString()
        naming { NameRequest req -> "custom-${req.connectionId()}.bin" }
    }
}

clients(policies.size()) {
    connect servers[policies.keySet()[index]]
    protocol 'framed'
    sendFile file.toString()
}

client {
    connect custom
    sendFile file.toString()
}

afterClients { results ->
    results.each { assert it.ok : it.error }
    def stored = { String name -> Files.list(dir.resolve(name)).withCloseable { it.toList() }*.fileName*.toString().findAll { !it.startsWith('.ftrun-') } }
    assert stored('stamped')[0] ==~ /upload_.+\.bin/
    assert stored('unique')[0] ==~ /[0-9a-f-]{36}.*/
    assert stored('templ')[0] ==~ /127\.0\.0\.1-1\.dat/
    assert stored('mine') == ['from-127.0.0.1.bin']
    assert stored('kept') == ['report.pdf']
    assert stored('strict') == ['report.pdf']
    assert stored('custom')[0] ==~ /custom-\d+\.bin/
    dir.toFile().deleteDir()
    shutdown()
}
