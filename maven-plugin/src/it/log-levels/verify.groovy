// Each line at its own level in Maven's log: a warning is a [WARNING] and an error an [ERROR] (not an [INFO]
// that says 'error:'), the engine's warnings too, and debug lines stay hidden without -X.
String log = new File(basedir, 'build.log').text
assert log.contains('[INFO] ftrun: an info line from the script')
assert log.contains('[WARNING] ftrun: the disk is nearly full')
assert log.contains('[ERROR] ftrun: the mirror did not answer')
assert log =~ /\[WARNING\] ftrun: 'inbox' refused pom\.xml from 127\.0\.0\.1:\d+ \(too large\)/
assert !log.contains('a debug line')
assert !log.contains('ftrun: warn:') && !log.contains('ftrun: error:')
assert log.contains('BUILD SUCCESS')
return true
