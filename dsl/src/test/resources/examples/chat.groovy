// Chat rooms: members hear each other's lines (join and leave notices too), never their own.
def lobby = server('lobby') {
    host '127.0.0.1'
    port 0
    chat()
}

def engineering = server('engineering') {
    host '127.0.0.1'
    port 0
    chat {
        room 'engineering'
        queue 16                 // a member this far behind is dropped, not waited for
    }
}

// Reads lines until one ends with `suffix`, skipping join/leave notices.
def await = { Connection conn, String suffix ->
    String line
    while ((line = conn.receive()?.text) != null && !line.endsWith(suffix)) { }
    assert line != null : "the room closed before '${suffix}' arrived"
    line
}

clients('lobby', 2) {
    connect lobby
    framing 'lines'
    readTimeout '10s'                // the old name of idleTimeout: older scripts still run
    session { Connection conn ->
        if (index == 0) {
            await(conn, ': hello from 1')
            conn.send('hello from 0')
        } else {
            Thread.sleep(300)                      // both are members by now
            conn.send('hello from 1')
            await(conn, ': hello from 0')
        }
    }
}

client('engineer') {
    connect engineering
    framing 'lines'
    send 'anyone?'                                // alone in the room: nobody hears it, nothing comes back
    finish()
    receive { Message m -> assert m == null }
}

afterClients { results ->
    results.each { assert it.ok : it.error }
    shutdown()
}
