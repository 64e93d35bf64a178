// The help goal lists every goal with its description and parameters.
String log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
assert log.contains('Transfer scripts in a Maven build: goals run, start and stop (and help)')
assert log.contains('This plugin has 4 goals:')
for (String goal : ['help', 'run', 'start', 'stop']) {
    assert log =~ /(?m)^ftrun:${goal}$/
}
assert log.contains('Runs a transfer script: its servers start')
assert log.contains('User property: ftrun.script')
return true
