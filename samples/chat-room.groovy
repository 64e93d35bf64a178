// A line chat room: every line a member sends goes to all the other members, with join and
// leave notices. A member that stops reading is dropped instead of stalling the room.
//
//   ./ftrun samples/chat-room.groovy -Pport=7000
//   then, in two other terminals:  nc localhost 7000
params {
    description 'A line chat room: each line a member sends goes to all the others.'
    param 'port', 7000, 'the port to listen on'
}

server('room') {
    port params.intValue('port')
    maxConnectionsPerAddress 50      // one machine cannot fill the room
    idleTimeout '30m'
    chat {
        room 'lobby'
        queue 256
    }
}
