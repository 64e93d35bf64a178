// The build failed, and it failed because of the transfer, naming the script.
String log = new File(basedir, 'build.log').text
assert log.contains('0/1 client(s) succeeded')
assert log =~ /ftrun: 1 failure\(s\) in upload\.groovy: upload\.groovy(:\d+)?: client 'client' connect: cannot connect to 127\.0\.0\.1:1/
assert log.contains('BUILD FAILURE')
return true
