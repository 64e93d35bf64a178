// Plugins add DSL blocks. 'upper' (a test plugin on the classpath) adds a handler block `upper { }`.
plugins {
    id 'upper'
}

def shouting = server('shouting') {
    host '127.0.0.1'
    port 0
    framing 'lines'
    upper {
        prefix '> '
    }
}

client {
    connect shouting
    framing 'lines'
    send 'quiet please'
    expect '> QUIET PLEASE'
}

afterClients { results ->
    results.each { assert it.ok : it.error }
    shutdown()
}
