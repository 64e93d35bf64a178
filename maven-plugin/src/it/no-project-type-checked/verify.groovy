// Three runs of unchecked.groovy, their logs one after the other in build.log.
String log = new File(basedir, 'build.log').text
List<String> runs = log.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).drop(1)
assert runs.size() == 3 : log

// 1. not type-checked: it ran
assert runs[0].contains('ftrun: ran unchecked')
assert runs[0].contains('BUILD SUCCESS')

// 2. -Dftrun.typeChecked=true: rejected before it ran, at the line the checker names
String rejected = /unchecked\.groovy:3: \[Static type checking\] - Cannot find matching method java\.lang\.String#shout\(\)/
assert runs[1] =~ rejected
assert !runs[1].contains('ran unchecked')
assert !runs[1].contains('ftrun.static is deprecated')
assert runs[1].contains('BUILD FAILURE')

// 3. -Dftrun.static=true: the same, and a warning that names the new property
assert runs[2].contains('[WARNING] ftrun: the property ftrun.static is deprecated: use ftrun.typeChecked')
assert runs[2] =~ rejected
assert !runs[2].contains('ran unchecked')
assert runs[2].contains('BUILD FAILURE')
return true
