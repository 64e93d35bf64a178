// TLS, mutual TLS and pins; a token from a file; address lists and rate limits. Refusals: tls-refusals.groovy.
// -Ppki names a directory of throw-away test certificates (the test run makes them; SECURITY.md shows how to make
// your own with openssl). Secrets come from files or the environment, never from the script or -P.
import io.ftrun.core.security.TlsConfig
import java.nio.file.Files
import java.nio.file.Path

String pki = params.pki
Path dir = Files.createTempDirectory('ftrun-tls')
Path tokenFile = Files.writeString(dir.resolve('token.txt'), 'let-me-in\n')   // or: token env: 'FTRUN_TOKEN'
Path report = Files.writeString(dir.resolve('report.txt'), 'quarterly numbers')
Path inbox = dir.resolve('inbox')
String serverPin = TlsConfig.pinOf(Path.of("$pki/server.pem"))             // sha256/... of the server's public key

def secure = server('secure') {
    host '127.0.0.1'
    port 0
    allow '127.0.0.0/8', '::1'          // everyone else is closed without a word
    deny '127.0.0.9'
    rateLimit '8MB'                     // per connection, per second
    totalRateLimit '32MB'               // all connections together
    tls {
        certificate "$pki/server.pem"   // chain, ours first
        key "$pki/server.key"           // PKCS#8 PEM
        protocols 'TLSv1.3', 'TLSv1.2'
        handshakeTimeout '5s'
    }
    receiveFiles {
        into inbox.toString()
        protocol 'framed'
        token file: tokenFile.toString()
    }
}

def mutual = server('mutual') {
    host '127.0.0.1'
    port 0
    tls {
        keyStore "$pki/server.p12", passwordFile: "$pki/server.p12.pass"
        clientCertificates "$pki/ca.pem"          // only clients with a certificate from this authority
    }
    handle { Connection conn -> conn.send("hello ${conn.attributes().get('tls.peer')}".toString()) }
}

client('uploader') {
    connect secure
    protocol 'framed'
    token file: tokenFile.toString()
    rateLimit '4MB'
    tls {
        trust "$pki/ca.pem"
        pin serverPin
        verifyHostname true
    }
    sendFile report.toString()
}

client('with-certificate') {
    connect mutual
    tls {
        trust "$pki/ca.pem"
        certificate "$pki/client.pem"
        key "$pki/client.key"
    }
    expect { msg -> msg.text() == 'hello CN=ftrun test client' }
}

afterClients { results ->
    results.each { assert it.ok : it.error }
    assert Files.readString(inbox.resolve('report.txt')) == 'quarterly numbers'
    dir.toFile().deleteDir()
    shutdown()
}
