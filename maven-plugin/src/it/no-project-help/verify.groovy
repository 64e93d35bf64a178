// The help goal lists every goal with its description and parameters, and each goal shows the parameters it uses,
// no more: stop takes no script, start judges no transfer (stop does).
String log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
assert log.contains('Transfer scripts in a Maven build: goals run, start and stop (and help)')
assert log.contains('This plugin has 4 goals:')
assert log.contains('Runs a transfer script: its servers start')

// goal -> its parameters, from the sections "ftrun:GOAL" ... "    name (Default: ...)"
Map<String, List<String>> parameters = [:]
String goal = null
log.eachLine { String line ->
    def heading = line =~ /^ftrun:(\w+)$/
    if (heading) {
        goal = heading[0][1]
        parameters[goal] = []
    } else if (goal) {
        def parameter = line =~ /^    (\w+)( \(Default: .*\))?$/
        if (parameter) parameters[goal] << parameter[0][1]
    }
}
assert parameters.keySet() == ['help', 'run', 'start', 'stop'] as Set
assert parameters.run == ['args', 'failOnError', 'params', 'script', 'skip', 'typeChecked']
assert parameters.start == ['args', 'id', 'params', 'script', 'skip', 'typeChecked']
assert parameters.stop == ['failOnError', 'id', 'skip']
// typeChecked's property is ftrun.typeChecked; ftrun.static is only mentioned as its deprecated name
assert log.contains('User property: ftrun.typeChecked')
assert !log.contains('User property: ftrun.static')
assert log.contains('User property: ftrun.args')
return true
