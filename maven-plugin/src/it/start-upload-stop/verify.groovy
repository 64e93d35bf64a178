// Runs after the IT build: the file must have arrived intact, and each goal must have run in its phase.
import java.security.MessageDigest

def sha = { File f -> MessageDigest.getInstance('SHA-256').digest(f.bytes).encodeHex().toString() }
File sent = new File(basedir, 'payload.txt')
File received = new File(basedir, 'target/inbox/file_1.bin')
assert received.isFile() : "nothing received in ${received.parentFile}"
assert sha(received) == sha(sent)

String log = new File(basedir, 'build.log').text
assert log =~ /ftrun: started receiver\.groovy \(id default\), servers \{inbox=\d+\}/
assert log.contains('1/1 client(s) succeeded, 1 file(s) sent')
assert log.contains('ftrun: stopping receiver.groovy (id default)')
assert log =~ /server 'inbox' \(port \d+\): 1 connection\(s\), 1 file\(s\), .* 0 failure\(s\)/
// the phases, in order
int start = log.indexOf('(start-receiver)'), upload = log.indexOf('(upload)'), stop = log.indexOf('(stop-receiver)')
assert 0 < start && start < upload && upload < stop
return true
