// Receives uploads on a free loopback port, numbering them file_1.bin, file_2.bin...
server('inbox') {
    host '127.0.0.1'
    port 0
    receiveFiles {
        into params.dir
        protocol 'framed'               // verified: name, size and digest travel with the data
        naming counter('file_%d.bin')
    }
}
