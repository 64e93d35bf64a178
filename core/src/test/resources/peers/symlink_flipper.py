"""A local user racing a receiver (docs/RELIABILITY.md, SymlinkRaceTest).

usage: symlink_flipper.py DIR SWAP STOP

DIR is a real directory inside the receiving directory, SWAP a symbolic link (to a directory outside) next to
it. The two are exchanged with renameat2(RENAME_EXCHANGE) as fast as possible, so DIR is at every moment either
the directory or the link, never missing. Prints READY once it flips, and FLIPS n when the file STOP appears;
then DIR is the directory again.
"""
import ctypes
import os
import sys

AT_FDCWD = -100
RENAME_EXCHANGE = 2

libc = ctypes.CDLL(None, use_errno=True)
renameat2 = libc.renameat2
renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]


def exchange(a, b):
    if renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE) != 0:
        err = ctypes.get_errno()
        raise OSError(err, os.strerror(err))


def main():
    target, swap, stop = (os.fsencode(a) for a in sys.argv[1:4])
    flips = 0
    print("READY", flush=True)
    while not os.path.exists(stop):
        for _ in range(200):
            exchange(target, swap)
            flips += 1
    if os.path.islink(target):
        exchange(target, swap)
    print("FLIPS", flips, flush=True)


if __name__ == "__main__":
    main()
