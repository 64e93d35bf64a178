/*
 * The machine ceiling for scenarios 3 and 4 of bench/run.py: the least work a server of the peers' design does
 * (a thread per connection, blocking sockets), with no guarantees at all: no temporary file, no no-clobber commit,
 * no free-space check, no events, no limits. It is not a product, nor a hard bound (other designs, splice(2) say,
 * could shave more); it exists so the benchmark shows, in the same run, how far above the Python peers a server
 * gets on this machine, where the kernel's work and the load generator on the same cores dominate.
 *
 *     cc -O2 -pthread -Wall -o ceiling ceiling.c
 *     ceiling echo PORT            send back whatever each read returns
 *     ceiling receive PORT DIR     one file per connection, DIR/file_N, every byte until EOF
 *
 * Listens on 127.0.0.1 only, prints "ready" once listening; SIGTERM ends it (the default action).
 */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define BUF 65536

static const char *dir;                 /* receive mode: where the files go */
static atomic_uint counter = 1;         /* receive mode: the next file's number */

/* Writes all n bytes (a write may be partial, or interrupted). Returns 0, or -1 on error. */
static int write_all(int fd, const char *p, size_t n) {
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        p += w;
        n -= (size_t) w;
    }
    return 0;
}

/* read(), retried when interrupted; 0 at EOF, -1 on error. */
static ssize_t read_some(int fd, char *buf) {
    ssize_t r;
    do r = read(fd, buf, BUF); while (r < 0 && errno == EINTR);
    return r;
}

static void *echo(void *arg) {
    int fd = (int) (intptr_t) arg, one = 1;
    char *buf = malloc(BUF);            /* on the heap: the thread's stack is small */
    ssize_t n;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    while (buf && (n = read_some(fd, buf)) > 0 && write_all(fd, buf, (size_t) n) == 0)
        ;
    free(buf);
    close(fd);
    return NULL;
}

static void *receive(void *arg) {
    int fd = (int) (intptr_t) arg;
    char path[4096], *buf = malloc(BUF);
    ssize_t n;
    snprintf(path, sizeof path, "%s/file_%u", dir, atomic_fetch_add(&counter, 1));
    int out = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
    if (out < 0) perror(path);
    while (buf && out >= 0 && (n = read_some(fd, buf)) > 0 && write_all(out, buf, (size_t) n) == 0)
        ;
    if (out >= 0) close(out);           /* the file is complete before the client sees the socket close */
    free(buf);
    close(fd);
    return NULL;
}

int main(int argc, char **argv) {
    int recv_mode = argc == 4 && strcmp(argv[1], "receive") == 0;
    if (!recv_mode && !(argc == 3 && strcmp(argv[1], "echo") == 0)) {
        fprintf(stderr, "usage: %s echo PORT | %s receive PORT DIR\n", argv[0], argv[0]);
        return 2;
    }
    dir = recv_mode ? argv[3] : NULL;
    void *(*handler)(void *) = recv_mode ? receive : echo;

    signal(SIGPIPE, SIG_IGN);           /* a client that goes away must not end the server (Python and the JVM do the same) */
    int s = socket(AF_INET, SOCK_STREAM, 0), one = 1;
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t) atoi(argv[2])),
                               .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    if (s < 0 || setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0
            || bind(s, (struct sockaddr *) &addr, sizeof addr) < 0 || listen(s, 1024) < 0) {
        perror("listen");
        return 1;
    }
    puts("ready");
    fflush(stdout);

    pthread_attr_t attr;                /* detached threads with a small stack (the buffer is on the heap) */
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attr, 64 * 1024);
    for (;;) {
        int fd = accept(s, NULL, NULL);
        if (fd < 0) {
            if (errno != EINTR) perror("accept");
            if (errno == EMFILE || errno == ENFILE) usleep(10000);
            continue;
        }
        pthread_t t;
        int rc = pthread_create(&t, &attr, handler, (void *) (intptr_t) fd);
        if (rc != 0) {
            fprintf(stderr, "pthread_create: %s\n", strerror(rc));
            close(fd);
        }
    }
}
