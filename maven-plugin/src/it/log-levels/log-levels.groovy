// One line at each of the script's levels...
log.info 'an info line from the script'
log.warn 'the disk is nearly full'
log.error 'the mirror did not answer'
log.debug 'a debug line, shown by mvn -X only'

// ...and a warning of the engine's: a receiver that takes nothing over 10 bytes refuses the pom.
def inbox = server('inbox') {
    host '127.0.0.1'
    port 0
    receiveFiles {
        into 'target/inbox'
        protocol 'framed'
        maxSize 10
    }
}
client {
    connect inbox
    protocol 'framed'
    sendFile 'pom.xml'
}
