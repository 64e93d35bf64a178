// A script using a custom plugin (samples/src/main/java/io/ftrun/samples/plugin/ShoutPlugin.java).
//
//   ./ftrun --plugins samples/target/classes samples/shout.groovy -Pport=7777
//   then:  echo hello | nc -N localhost 7777      ->  > HELLO!
plugins {
    id 'shout'
}

server('shout') {
    port params.port ?: 7777
    framing 'lines'
    shout {
        prefix '> '
        exclaim true
    }
}
