// expect-exit: 5
// expect-error: the receiver refused the session: wrong token
// What TLS and the token keep out: a wrong token, a client without a certificate on a mutual-TLS server, a
// server whose key is not the pinned one. Each client fails and nothing is stored; the run exits 5, refused, the class
// of its first failure (the wrong token).
import java.nio.file.Files
import java.nio.file.Path

String pki = params.pki
Path dir = Files.createTempDirectory('ftrun-tls-refusals')
Path tokenFile = Files.writeString(dir.resolve('token.txt'), 'let-me-in\n')
Path wrongToken = Files.writeString(dir.resolve('wrong.txt'), 'guess\n')
Path report = Files.writeString(dir.resolve('report.txt'), 'quarterly numbers')
Path inbox = dir.resolve('inbox')

def inboxServer = server('inbox') {
    host '127.0.0.1'
    port 0
    tls {
        certificate "$pki/server.pem"
        key "$pki/server.key"
        clientCertificates "$pki/ca.pem"
    }
    receiveFiles {
        into inbox.toString()
        protocol 'framed'
        token file: tokenFile.toString()
    }
}

client('wrong-token') {
    connect inboxServer
    protocol 'framed'
    token file: wrongToken.toString()
    tls { trust "$pki/ca.pem"; certificate "$pki/client.pem"; key "$pki/client.key" }
    sendFile report.toString()
}

client('no-certificate') {
    connect inboxServer
    protocol 'framed'
    token file: tokenFile.toString()
    tls { trust "$pki/ca.pem" }
    sendFile report.toString()
}

client('wrong-pin') {
    connect inboxServer
    protocol 'framed'
    token file: tokenFile.toString()
    tls { pin 'sha256/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='; certificate "$pki/client.pem"; key "$pki/client.key" }
    sendFile report.toString()
}

afterClients { results ->
    assert results.every { !it.ok }
    assert results.find { it.name == 'wrong-pin' }.error.contains('is not pinned')
    assert !Files.exists(inbox) || Files.list(inbox).withCloseable { it.count() } == 0
    dir.toFile().deleteDir()
    shutdown()
}
