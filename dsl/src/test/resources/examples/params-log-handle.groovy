// Parameters (-Pname=value), the script log, your own handler code, and a handler written in Java.
// `ftrun params-log-handle.groovy --help` lists the parameters; -Pgreting=hi is refused with "did you mean 'greeting'?".
params {
    description 'Shows parameters, the log and handlers of your own.'
    param 'greeting', 'hello', 'what the server says before each line'
    param 'rounds', 2, 'how many lines the custom client sends'
    param 'loud', false, 'log the greeting at warn instead of info'
}
String greeting = params.greeting
if (params.flag('loud')) log.warn "greeting is '${greeting}'" else log.info "greeting is '${greeting}'"
assert params.intValue('rounds') == 2
log.info "greeting is '${greeting}'"
log.debug 'only shown with --log-level debug'

def custom = server('custom') {
    host '127.0.0.1'
    port 0
    framing 'lines'
    handle { Connection conn ->
        int seen = 0                           // the closure is cloned per connection: this is per client
        Message m
        while ((m = conn.receive()) != null) {
            seen++
            conn.attributes().put('seen', seen)
            conn.send("${greeting} ${m.text} #${seen}")
        }
    }
}

def java = server('java') {
    host '127.0.0.1'
    port 0
    framing 'lines'
    handler 'countdown', { Connection c -> [3, 2, 1].each { Integer i -> c.send(i.toString()) } } as Handler
}

client {
    connect custom
    framing 'lines'
    send 'world'
    expect "${greeting} world #1"
    send 'again'
    pause '10ms'
    expect "${greeting} again #2"
}

client {
    connect java
    framing 'lines'
    expect '3'
    expect '2'
    expect '1'
}

afterClients { results ->
    results.each { assert it.ok : it.error }
    log.warn 'all clients done'
    log.error 'not really an error: just showing every level'
    shutdown()
}
