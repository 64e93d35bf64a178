// The run goal works without a project: the script ran with the directory Maven ran in as its base, and with
// the parameters -Dftrun.args gave it.
String log = new File(basedir, 'build.log').text
assert log.contains('Building Maven Stub Project (No POM)')
assert log.contains('ftrun: note: sent outside any project')
assert log.contains('1/1 client(s) succeeded, 1 file(s) sent')
assert log.contains('BUILD SUCCESS')
File received = new File(basedir, 'inbox/payload.txt')
assert received.isFile() : "nothing received in ${received.parentFile}"
assert received.bytes == new File(basedir, 'payload.txt').bytes
return true
