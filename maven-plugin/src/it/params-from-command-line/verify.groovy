// The pom's <params> and -Dftrun.args's together; for 'both', the command line's value.
String log = new File(basedir, 'build.log').text
assert log.contains('ftrun: params: [both:command line, fromCommandLine:a=b, fromPom:pom]')
assert log.contains('BUILD SUCCESS')
return true
