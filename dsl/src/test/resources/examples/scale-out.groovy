// Behind a load balancer: a PROXY header gives each receiver the real client address, receivers sharing one
// directory keep their names apart with an instance identity, and a health port answers the balancer's checks,
// serves metrics, and starts a drain for a rolling restart. Here the clients play the balancer.
import io.ftrun.core.Client
import io.ftrun.core.ClientConfig
import io.ftrun.core.codec.Codecs
import java.nio.charset.StandardCharsets
import java.nio.file.Files
import java.nio.file.Path

Path shared = Files.createTempDirectory('ftrun-scale-out')

def rx1 = server('rx-1') {
    host '127.0.0.1'
    port 0
    proxyProtocol 'v1', trusted: ['127.0.0.1'], timeout: '2s'   // only the balancer's address may send the header
    receiveFiles {
        into shared.toString()
        instance 'rx-1'
        naming template('{remote}_{port}_{instance}_{counter}.bin')
    }
}

def rx2 = server('rx-2') {
    host '127.0.0.1'
    port 0
    proxyProtocol 'any'                   // v1 or v2 (HAProxy send-proxy-v2), told apart by the first bytes
    receiveFiles {
        into shared.toString()
        instance 'rx-2'
        naming counter('file_%d.bin')     // file_rx-2_1.bin: the instance keeps its names apart from rx-1's
    }
}

def health = health {
    host '127.0.0.1'
    port 0                                // e.g. 8081; HAProxy: option httpchk GET /health, check port 8081
    drainTimeout '5s'                     // after POST /drain, transfers in flight get this long to finish
    drainFrom '127.0.0.1'                 // who may drain (loopback by default), e.g. drainFrom '10.0.0.0/24'
    drainToken 'an example drain token'   // and with this bearer token; read it from a file in real use
}

// What the balancer sends: the PROXY header first, then the client's bytes.
clients(4) {
    connect index % 2 == 0 ? rx1 : rx2
    session { Connection conn ->
        String header = "PROXY TCP4 192.0.2.${10 + index} 127.0.0.1 ${4000 + index} 9999\r\n"
        byte[] bytes = (header + "file ${index}").getBytes(StandardCharsets.US_ASCII)
        conn.write(bytes, 0, bytes.length)
        conn.shutdownOutput()
        assert conn.receive() == null    // the receiver closes once the file is stored
    }
}

// One HTTP/1.0 request on a new connection to the health port; returns the whole answer.
Closure<String> http = { String request ->
    Connection c = Client.connect(ClientConfig.builder().port(health.port).build())
    try {
        c.write(request.getBytes(StandardCharsets.US_ASCII), 0, request.length())
        return c.receive(Codecs.raw(65536))?.text
    } finally {
        c.close()
    }
}

client('balancer') {
    connect health
    session { Connection conn ->
        conn.write('GET /health HTTP/1.0\r\n\r\n'.getBytes(StandardCharsets.US_ASCII), 0, 24)
        assert conn.receive(Codecs.raw(65536)).text.startsWith('HTTP/1.0 200 OK')
        String metrics = http('GET /metrics HTTP/1.0\r\n\r\n')
        assert metrics.contains('ftrun_files_received_total{server="rx-1"} 2\n') : metrics
        assert metrics.contains('ftrun_files_received_total{server="rx-2"} 2\n') : metrics
        assert http('POST /drain HTTP/1.0\r\n\r\n').startsWith('HTTP/1.0 401 Unauthorized')   // no token: refused
        assert http('GET /health HTTP/1.0\r\n\r\n').startsWith('HTTP/1.0 200 OK')
        assert http('POST /drain HTTP/1.0\r\nAuthorization: Bearer an example drain token\r\n\r\n').startsWith('HTTP/1.0 202 Accepted')
        assert http('GET /health HTTP/1.0\r\n\r\n').startsWith('HTTP/1.0 503')   // the balancer stops sending clients
    }
}

afterClients { results ->
    results.each { assert it.ok : it.error }
    Map<String, String> stored = [:]
    Files.list(shared).withCloseable { it.toList() }.findAll { !it.fileName.toString().startsWith('.ftrun-') }.each { Path p -> stored[p.fileName.toString()] = Files.readString(p) }
    assert stored.size() == 4
    [0, 2].each { int i ->   // rx-1's names carry the client's address and port from the header
        assert stored.find { String name, String text -> text == "file ${i}".toString() }.key ==~ /192\.0\.2\.1${i}_400${i}_rx-1_[12]\.bin/
    }
    assert stored.keySet().findAll { it.startsWith('file_rx-2_') }.sort() == ['file_rx-2_1.bin', 'file_rx-2_2.bin']
    shared.toFile().deleteDir()
    shutdown()
}
