#!/usr/bin/env python3
"""End-to-end benchmark: ftrun against the peers its users would otherwise pick, side by side in one run.

    python3 bench/run.py                       # every scenario, 3 interleaved runs each
    python3 bench/run.py --scenarios 1,2,6 --runs 5 --out /tmp/results.md

Absolute times on a shared 2-core machine are noise; ratios measured in one run, with the contenders interleaved
(ftrun, peer, peer, ftrun, ...), are not. Each scenario prints medians and the ratio ftrun / peer, and says
whether the target of docs/PERFORMANCE.md was met. Every server listens on 127.0.0.1 only, every client ends by
itself, and every file written goes to one temporary directory, removed at the end.

Scenarios 3 and 4 also run a "machine ceiling" (bench/ceiling/ceiling.c, compiled at setup when a C compiler
exists): the same design as the peers, a thread per connection, doing nothing but read() and write(). Its ratio to
the peers is what the machine allows a server to reach over them, measured in the same run.
"""
import argparse
import json
import os
import re
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

BENCH = Path(__file__).resolve().parent
JDK25 = Path("/usr/lib/jvm/temurin-25-jdk-amd64")
MIB = 1 << 20
GIB = 1 << 30
CEILING = "machine ceiling (C, a thread per connection, read/write only)"
CEILING_TARGET = "(what the machine allows, within the run-to-run spread)"


# ---------------------------------------------------------------- helpers

def log(msg):
    print(msg, file=sys.stderr, flush=True)


def load():
    """The 1-minute load average: every result is printed with it (2 cores, shared with other work)."""
    return os.getloadavg()[0]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_listening(port, proc, timeout=60):
    """Waits until something listens on the port, without connecting (a probe would count as a client)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode} before listening on {port}")
        out = subprocess.run(["ss", "-Hltn", f"sport = :{port}"], capture_output=True, text=True).stdout
        if out.strip():
            return
        time.sleep(0.05)
    raise RuntimeError(f"nothing listens on {port} after {timeout} s")


@contextmanager
def server(cmd, port, env=None, stdout=subprocess.DEVNULL, cwd=None):
    proc = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.PIPE if stdout is subprocess.DEVNULL else None,
                            stdin=subprocess.DEVNULL, env=env, cwd=cwd, start_new_session=True)
    try:
        wait_listening(port, proc)
        yield proc
    finally:
        stop(proc)


def stop(proc):
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def timed(fn):
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def median(xs):
    return statistics.median(xs) if xs else float("nan")


def fresh(path):
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


def settle(directory):
    """Between two timed runs: the output goes (a deleted file's dirty pages are dropped, not written back) and the
    rest is synced, so no contender pays for the previous one's writeback."""
    shutil.rmtree(directory, ignore_errors=True)
    os.sync()


def put_aside(out, aside):
    """Between two timed runs: moves a contender's output into aside (deleted when the scenario is over) instead of
    deleting it. On ext4 without a journal (this machine's root file system) creating a file skips every inode
    deleted in the last ~30 s (recently_deleted() in the inode allocator): deleting 5000 small files made the next
    5000 creations cost 2-3 s of system time, whoever made them (rsync's included). Hidden entries (a receiver's lock
    file and temporaries) stay where their receiver keeps them. Returns aside."""
    aside.mkdir(parents=True)
    for p in list(out.iterdir()):
        if not p.name.startswith("."):
            p.rename(aside / p.name)
    return aside


def emptied(out, trash):
    """out, with its previous tree put aside under trash and synced (the next contender pays no writeback)."""
    if out.exists():
        put_aside(out, trash / f"{out.name}-{time.monotonic_ns()}")
    else:
        out.mkdir(parents=True)
    os.sync()
    return out


def evict(directory):
    """Drops a synced directory's files from the page cache (they are clean now): kept outputs must not fill the
    memory, or later runs pay for reclaiming it (scenario 3's system time doubled from the first run to the third)."""
    for p in Path(directory).iterdir():
        fd = os.open(p, os.O_RDONLY)
        try:
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)


def rss_kib(pid):
    """(VmRSS, VmHWM, Threads) of a process, from /proc."""
    status = Path(f"/proc/{pid}/status").read_text()
    get = lambda key: int(re.search(rf"^{key}:\s+(\d+)", status, re.M).group(1))
    return get("VmRSS"), get("VmHWM"), get("Threads")


def available_mib():
    return int(re.search(r"^MemAvailable:\s+(\d+)", Path("/proc/meminfo").read_text(), re.M).group(1)) // 1024


def cpu_seconds(pid):
    """(user, system) CPU seconds of a process and its reaped children (socat's forks), from /proc."""
    f = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    tick = os.sysconf("SC_CLK_TCK")
    return (int(f[11]) + int(f[13])) / tick, (int(f[12]) + int(f[14])) / tick


def expected(index, size):
    """What LoadGen's client `index` sends: its number as 8 big-endian bytes, over and over."""
    return (index.to_bytes(8, "big") * (size // 8 + 1))[:size]


def check_uploads(directory, clients, size, timeout=60):
    """Every client's file arrived, whole and exact. Returns the number of problems (0 = every file intact)."""
    deadline = time.time() + timeout
    while True:  # socat's `cat` may still be flushing after the connection closed
        files = [p for p in Path(directory).iterdir() if not p.name.startswith(".")]
        if (len(files) >= clients and all(p.stat().st_size == size for p in files)) or time.time() > deadline:
            break
        time.sleep(0.2)
    seen, bad = set(), 0
    for p in files:
        data = p.read_bytes()
        index = int.from_bytes(data[:8], "big") if len(data) >= 8 else -1
        if len(data) != size or index in seen or not 0 <= index < clients or data != expected(index, size):
            bad += 1
        else:
            seen.add(index)
    return bad + (clients - len(seen) - bad if len(seen) + bad < clients else 0)


class Bench:
    def __init__(self, args):
        self.args = args
        self.ftrun_dir = Path(args.ftrun).resolve()
        self.tmp = Path(tempfile.mkdtemp(prefix="ftrun-bench-", dir=args.tmp))
        self.env = dict(os.environ, FTRUN_CACHE=str(self.tmp / "cache"))
        if args.java_home:
            self.env["JAVA_HOME"] = args.java_home
        self.rows = []  # (scenario, what, ftrun, peer, ratio, target, met, load)
        self.notes = []

    # ftrun as a user runs it: through the launcher
    def ftrun(self, *args):
        return [str(self.ftrun_dir / "ftrun"), "-q", *[str(a) for a in args]]

    def java_env(self, java_home):
        return dict(self.env, JAVA_HOME=str(java_home))

    def row(self, scenario, what, ours, peer, ratio, target, met):
        self.rows.append((scenario, what, ours, peer, ratio, target, met, load()))
        log(f"  {scenario} {what}: ftrun {ours}  peer {peer}  ratio {ratio}  target {target}  "
            f"{'MET' if met else 'missed'}  (load {load():.2f})")

    def setup(self):
        log(f"work dir {self.tmp}  (df: {shutil.disk_usage(self.tmp).free / GIB:.1f} GiB free)")
        for tool in ("nc", "socat", "python3", "ss"):
            if not shutil.which(tool):
                sys.exit(f"bench: {tool} is needed (apt-get install netcat-openbsd socat iproute2)")
        log("building ftrun (./ftrun --version)...")
        subprocess.run(self.ftrun("--version"), check=True, env=self.env, stdout=subprocess.DEVNULL)
        javac = JDK25 / "bin" / "javac" if JDK25.exists() else "javac"
        self.loadgen_dir = self.tmp / "loadgen"
        subprocess.run([str(javac), "-d", str(self.loadgen_dir), str(BENCH / "LoadGen.java")], check=True)
        java = JDK25 / "bin" / "java" if JDK25.exists() else "java"
        self.loadgen = [str(java), "-XX:+UseSerialGC", "-Xss256k", "-cp", str(self.loadgen_dir), "LoadGen"]
        self.ceiling = self.build_ceiling()
        # each process holds one end of the idle connections (scenario 5): raise the limit where allowed
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        want = self.args.idle + 1024
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, want), max(hard, want)))
        except (ValueError, OSError):
            try:
                resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
            except (ValueError, OSError):
                pass
            if hard < want:
                self.notes.append(f"the open-file limit is {hard} and cannot be raised here; scenario 5 needs {want}")

    def build_ceiling(self):
        """The machine ceiling (scenarios 3 and 4): the least work a server can do, in C. None without a compiler."""
        cc = shutil.which("cc") or shutil.which("gcc")
        if not cc:
            self.notes.append("no C compiler: the ceiling rows are skipped")
            return None
        exe = self.tmp / "ceiling"
        out = subprocess.run([cc, "-O2", "-pthread", "-Wall", "-o", str(exe), str(BENCH / "ceiling/ceiling.c")],
                             capture_output=True, text=True)
        if out.stderr.strip():
            log(out.stderr.strip())
        if out.returncode != 0:
            self.notes.append(f"the ceiling did not compile ({cc}): the ceiling rows are skipped")
            return None
        return str(exe)

    def loadgen_run(self, *args, timeout=600):
        out = subprocess.run([*self.loadgen, *[str(a) for a in args]], capture_output=True, text=True, timeout=timeout)
        if out.returncode != 0:
            raise RuntimeError(f"LoadGen {args} failed: {out.stderr[-2000:]}")
        return json.loads(out.stdout.strip().splitlines()[-1])

    def input_file(self, size):
        path = self.tmp / f"input-{size}.bin"
        if not path.exists():
            log(f"writing a {size / GIB:.2f} GiB input file of random bytes...")
            with open(path, "wb") as f:
                left = size
                while left > 0:
                    f.write(os.urandom(min(left, 16 * MIB)))
                    left -= 16 * MIB
        return path

    # ------------------------------------------------------------ scenarios 1 and 2: one big upload

    def big_upload(self):
        size = int(self.args.upload_gib * GIB)
        src = self.input_file(size)
        raw_dir, framed_dir, nc_dir = self.tmp / "s1-ftrun", self.tmp / "s2-ftrun", self.tmp / "s1-nc"
        raw_port, framed_port = free_port(), free_port()
        times = {"nc": [], "ftrun-raw": [], "ftrun-framed": []}
        with server(self.ftrun(BENCH / "scripts/raw-server.groovy", f"-Pport={raw_port}", f"-Pdir={fresh(raw_dir)}"),
                    raw_port, env=self.env), \
                server(self.ftrun(BENCH / "scripts/framed-server.groovy", f"-Pport={framed_port}", f"-Pdir={fresh(framed_dir)}"),
                       framed_port, env=self.env):
            client = self.ftrun(self.ftrun_dir / "samples/file-client.groovy", "-Phost=127.0.0.1", f"-Pport={framed_port}",
                                f"-Pfile={src}", "-Pprotocol=framed")

            def nc_to_nc():
                port = free_port()
                with open(fresh(nc_dir) / "file", "wb") as out:
                    srv = subprocess.Popen(["nc", "-l", "127.0.0.1", str(port)], stdout=out, stdin=subprocess.DEVNULL)
                    wait_listening(port, srv)
                    t = timed(lambda: (subprocess.run(["nc", "-N", "127.0.0.1", str(port)], stdin=open(src, "rb"), check=True),
                                       srv.wait(timeout=600)))
                assert (nc_dir / "file").stat().st_size == size, "nc -l received a short file"
                return t

            def nc_to_ftrun():
                fresh(raw_dir)
                t = timed(lambda: subprocess.run(["nc", "-N", "127.0.0.1", str(raw_port)], stdin=open(src, "rb"), check=True))
                files = list(raw_dir.glob("file_*"))
                assert len(files) == 1 and files[0].stat().st_size == size, f"ftrun stored {files}"
                return t

            def ftrun_client():
                fresh(framed_dir)
                t = timed(lambda: subprocess.run(client, check=True, env=self.env, stdout=subprocess.DEVNULL))
                assert (framed_dir / src.name).stat().st_size == size, "ftrun framed: file missing"
                if not times["ftrun-framed"] and subprocess.run(["cmp", "-s", str(src), str(framed_dir / src.name)]).returncode:
                    self.notes.append("scenario 2: the framed upload differs from its source!")
                return t

            # once untimed: the client's compiled-script cache and the page cache are warm, as on a second use
            subprocess.run(client, check=True, env=self.env, stdout=subprocess.DEVNULL)
            settle(framed_dir)
            contenders = [("nc", nc_to_nc, nc_dir), ("ftrun-raw", nc_to_ftrun, raw_dir), ("ftrun-framed", ftrun_client, framed_dir)]
            for r in range(self.args.runs):
                for name, fn, out in (contenders if r % 2 == 0 else contenders[::-1]):
                    times[name].append(fn())
                    settle(out)
                    log(f"  run {r + 1}: {name} {times[name][-1]:.3f} s")
        nc, raw, framed = median(times["nc"]), median(times["ftrun-raw"]), median(times["ftrun-framed"])
        gib = size / GIB
        self.row(1, f"{gib:g} GiB raw upload, nc → ftrun vs nc → nc -l (s)", f"{raw:.3f}", f"{nc:.3f}",
                 f"{raw / nc:.2f}", "≤ 1.0", raw / nc <= 1.0)
        self.row(2, f"{gib:g} GiB framed+verified, ftrun client (JVM start incl.) vs nc → nc -l (s)", f"{framed:.3f}",
                 f"{nc:.3f}", f"{framed / nc:.2f}", "≤ 1.2", framed / nc <= 1.2)

    # ------------------------------------------------------------ scenario 3: many concurrent uploads

    def concurrent_uploads(self):
        clients, size = self.args.clients, MIB
        names = (["ftrun", "python", "socat"] + (["ftrun-jdk25"] if JDK25.exists() else [])
                 + (["ceiling"] if self.ceiling else []))
        d = {name: fresh(self.tmp / f"s3-{name}") for name in names}
        ports = {name: free_port() for name in names}
        ftrun = lambda name: self.ftrun(BENCH / "scripts/raw-server.groovy", f"-Pport={ports[name]}", f"-Pdir={d[name]}")
        starts = {
            "ftrun": lambda: ftrun("ftrun"),
            "ftrun-jdk25": lambda: ftrun("ftrun-jdk25"),  # the default there: platform threads up to 256, virtual past that
            "python": lambda: ["python3", BENCH / "peers/py_receiver.py", ports["python"], d["python"]],
            "socat": lambda: ["socat", "-u", f"TCP-LISTEN:{ports['socat']},bind=127.0.0.1,fork,reuseaddr,backlog=1024",
                              "SYSTEM:cat > file_$$"],
            "ceiling": lambda: [self.ceiling, "receive", ports["ceiling"], d["ceiling"]],
        }
        env = {name: self.java_env(JDK25) if name == "ftrun-jdk25" else self.env for name in names}
        results = {name: [] for name in names}
        cold = {}  # each server's first burst after it started (JIT compilation included for ftrun)
        cpu = {name: [] for name in names}  # the server's (user, system) seconds per run
        failures = {name: 0 for name in names}
        # The outputs are not deleted between timed runs: on ext4 without a journal (this machine's root file
        # system) creating a file skips every inode deleted in the last ~30 s (recently_deleted() in the inode
        # allocator), so deleting one contender's files would make the next one pay a scan per file it creates.
        # Each run's output is moved aside instead, synced, evicted, and the lot deleted when the scenario is over.
        trash = self.tmp / "s3-trash"
        need = (self.args.runs + 1) * len(names) * clients * size
        free = shutil.disk_usage(self.tmp).free
        keep = free >= need + 2 * GIB
        if not keep:
            self.notes.append(f"scenario 3 deleted each run's output before the next run (only {free / GIB:.1f} GiB "
                              f"free, keeping them needs {need / GIB:.1f} + 2 GiB): on ext4 without a journal the "
                              f"next contender's file creations pay for the recently deleted inodes")

        def burst(name, srv, label):
            """One timed burst of uploads against a running server; its output is checked, then put away."""
            before = cpu_seconds(srv.pid)
            out = self.loadgen_run("upload", ports[name], clients, size)
            time.sleep(0.5)  # socat's last children are reaped, their CPU counted
            after = cpu_seconds(srv.pid)
            bad = check_uploads(d[name], clients, size)
            if keep:
                aside = put_aside(d[name], trash / f"{name}-{label}")
                synced = timed(os.sync)  # written back now, not during the next contender's run
                evict(aside)
                log(f"  {label}: {name}'s output moved aside, synced in {synced:.1f} s, evicted from the page cache "
                    f"({available_mib()} MiB available)")
            else:
                for f in d[name].iterdir():
                    if not f.name.startswith("."):
                        f.unlink()
                os.sync()
            mib_s = clients * size / MIB / out["seconds"]
            log(f"  {label}: {name} {mib_s:.0f} MiB/s, {out['failures']} client failures, {bad} bad files, server CPU "
                f"user {after[0] - before[0]:.2f} s sys {after[1] - before[1]:.2f} s {out['error'] or ''}")
            return mib_s, out["failures"] + bad, (after[0] - before[0], after[1] - before[1])

        # Every server starts once and serves a first, untimed burst, as a server that has been up a while would
        # have: for ftrun that is the JIT's warm-up, for the others it changes nothing. The first burst is
        # reported too ("cold"). Then the timed runs, interleaved.
        procs = {}
        try:
            for name in names:
                cmd = [str(c) for c in starts[name]()]
                procs[name] = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL, env=env[name],
                                               cwd=d[name], start_new_session=True)
                wait_listening(ports[name], procs[name])
                cold[name], bad, _ = burst(name, procs[name], "first burst")
                failures[name] += bad
            for r in range(self.args.runs):
                for name in (names if r % 2 == 0 else names[::-1]):
                    mib_s, bad, used = burst(name, procs[name], f"run {r + 1}")
                    results[name].append(mib_s)
                    failures[name] += bad
                    cpu[name].append(used)
        finally:
            for proc in procs.values():
                stop(proc)
            shutil.rmtree(trash, ignore_errors=True)
            os.sync()
        usage = lambda n: f"{n} CPU user {median([c[0] for c in cpu[n]]):.2f} s + sys {median([c[1] for c in cpu[n]]):.2f} s"
        for ours_name in [n for n in names if n.startswith("ftrun")]:
            ours = median(results[ours_name])
            for peer, target in (("python", 2.0), ("socat", 4.0)):
                theirs = median(results[peer])
                ok = ours / theirs >= target and failures[ours_name] == 0
                label = "ftrun" if ours_name == "ftrun" else "ftrun on JDK 25"
                self.row(3, f"{clients} clients × 1 MiB raw, {label} vs {peer}, throughput (MiB/s; failures "
                            f"{failures[ours_name]} / {failures[peer]}; per run {usage(ours_name)}, {usage(peer)}; "
                            f"first burst after start {cold[ours_name]:.0f} vs {cold[peer]:.0f}, ratio "
                            f"{cold[ours_name] / cold[peer]:.2f})",
                         f"{ours:.0f}", f"{theirs:.0f}", f"{ours / theirs:.2f}", f"≥ {target:g}", ok)
        if "ceiling" in names:
            top = median(results["ceiling"])
            for peer in ("python", "socat"):
                theirs = median(results[peer])
                self.row(3, f"{clients} clients × 1 MiB raw, {CEILING} vs {peer}, throughput (MiB/s; ratio ceiling/"
                            f"{peer}; failures {failures['ceiling']} / {failures[peer]}; per run {usage('ceiling')}, "
                            f"{usage(peer)})", f"{top:.0f}", f"{theirs:.0f}", f"{top / theirs:.2f}", CEILING_TARGET,
                         failures["ceiling"] == 0)
            for ours_name in [n for n in names if n.startswith("ftrun")]:
                ours = median(results[ours_name])
                label = "ftrun" if ours_name == "ftrun" else "ftrun on JDK 25"
                self.row(3, f"{clients} clients × 1 MiB raw, {label} vs the machine ceiling, throughput (MiB/s; "
                            f"ratio ftrun/ceiling)", f"{ours:.0f}", f"{top:.0f}", f"{ours / top:.2f}", "(reported)", True)

    # ------------------------------------------------------------ scenario 4: small messages

    def echo(self):
        clients, rounds, size = 100, 200, 64
        ports = {"ftrun": free_port(), "python": free_port(), "ftrun-jdk25": free_port(), "ceiling": free_port()}
        starts = {
            "ftrun": self.ftrun(BENCH / "scripts/echo-server.groovy", f"-Pport={ports['ftrun']}"),
            "python": ["python3", str(BENCH / "peers/py_echo.py"), str(ports["python"])],
        }
        if JDK25.exists():  # the default there: platform threads up to 256 connections, virtual past that
            starts["ftrun-jdk25"] = self.ftrun(BENCH / "scripts/echo-server.groovy", f"-Pport={ports['ftrun-jdk25']}")
        if self.ceiling:
            starts["ceiling"] = [self.ceiling, "echo", str(ports["ceiling"])]
        results = {name: [] for name in starts}
        procs = {}
        # the servers run for the whole scenario and are warmed up once, like any server
        try:
            for name, cmd in starts.items():
                env = self.java_env(JDK25) if name == "ftrun-jdk25" else self.env
                procs[name] = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL, env=env,
                                               start_new_session=True)
                wait_listening(ports[name], procs[name])
                self.loadgen_run("echo", ports[name], clients, rounds, size)  # warm-up, not counted
            order = list(starts)
            for r in range(self.args.runs):
                for name in (order if r % 2 == 0 else order[::-1]):
                    out = self.loadgen_run("echo", ports[name], clients, rounds, size)
                    results[name].append(out)
                    log(f"  run {r + 1}: {name} {out['per_second']:.0f} round trips/s, p50 {out['p50_us']:.0f} µs, "
                        f"p99 {out['p99_us']:.0f} µs, {out['failures']} failures")
        finally:
            for p in procs.values():
                stop(p)
        m = {name: {k: median([o[k] for o in outs]) for k in ("per_second", "p50_us", "p99_us")}
             for name, outs in results.items()}
        fails = {name: sum(o["failures"] for o in outs) for name, outs in results.items()}
        for ours in [n for n in m if n.startswith("ftrun")]:
            label = "ftrun" if ours == "ftrun" else "ftrun on JDK 25"
            ratio = m[ours]["per_second"] / m["python"]["per_second"]
            self.row(4, f"{clients} clients × {rounds} round trips of {size} B, {label} vs Python threaded echo "
                        f"(round trips/s)", f"{m[ours]['per_second']:.0f}", f"{m['python']['per_second']:.0f}",
                     f"{ratio:.2f}", "≥ 3", ratio >= 3 and fails[ours] == 0)
            for k, what in (("p50_us", "p50"), ("p99_us", "p99")):
                self.row(4, f"{label}: latency {what} (µs)", f"{m[ours][k]:.0f}", f"{m['python'][k]:.0f}",
                         f"{m[ours][k] / m['python'][k]:.2f}", "(reported)", True)
        if "ceiling" in m:
            top, py = m["ceiling"], m["python"]
            self.row(4, f"{clients} clients × {rounds} round trips of {size} B, {CEILING} vs Python threaded echo "
                        f"(round trips/s; ratio ceiling/python; failures {fails['ceiling']}; latency p50 / p99 "
                        f"{top['p50_us']:.0f} / {top['p99_us']:.0f} µs vs {py['p50_us']:.0f} / {py['p99_us']:.0f})",
                     f"{top['per_second']:.0f}", f"{py['per_second']:.0f}", f"{top['per_second'] / py['per_second']:.2f}",
                     CEILING_TARGET, fails["ceiling"] == 0)
            for ours in [n for n in m if n.startswith("ftrun")]:
                label = "ftrun" if ours == "ftrun" else "ftrun on JDK 25"
                self.row(4, f"{label} vs the machine ceiling (round trips/s; ratio ftrun/ceiling)",
                         f"{m[ours]['per_second']:.0f}", f"{top['per_second']:.0f}",
                         f"{m[ours]['per_second'] / top['per_second']:.2f}", "(reported)", True)

    # ------------------------------------------------------------ scenario 5: many idle connections

    def idle(self):
        n, hold = self.args.idle, 10
        if not JDK25.exists():
            self.notes.append("scenario 5 skipped: no JDK 21+ at " + str(JDK25))
            return
        port = free_port()
        with server(self.ftrun(BENCH / "scripts/echo-server.groovy", f"-Pport={port}"), port,
                    env=self.java_env(JDK25)) as srv:
            time.sleep(1)
            before = rss_kib(srv.pid)
            gen = subprocess.Popen([*self.loadgen, "idle", str(port), str(n), str(hold)], stdout=subprocess.PIPE, text=True)
            opened = json.loads(gen.stdout.readline())
            peak, threads = 0, 0
            t_end = time.time() + hold - 1
            while time.time() < t_end:
                rss, hwm, threads = rss_kib(srv.pid)
                peak = max(peak, rss)
                time.sleep(0.5)
            final = json.loads(gen.stdout.readline())
            gen.wait(timeout=120)
            hwm = rss_kib(srv.pid)[1]
        ok = peak < GIB / 1024 and final["alive_after_hold"] == n
        self.row(5, f"{n} idle connections on JDK 25 (256 on platform threads, the rest on virtual ones): server resident memory (MiB; before "
                    f"{before[0] / 1024:.0f}, high-water {hwm / 1024:.0f}; {threads} threads; "
                    f"{final['alive_after_hold']}/{n} still echoing after {hold} s)",
                 f"{peak / 1024:.0f}", "—", "—", "< 1024 MiB", ok)

    # ------------------------------------------------------------ scenario 6: start-up

    def startup(self):
        script = BENCH / "scripts/trivial.groovy"
        homes = [("default java", None)] + ([("JDK 25", JDK25)] if JDK25.exists() else [])
        for label, home in homes:
            env = dict(self.env if home is None else self.java_env(home), FTRUN_CACHE=str(fresh(self.tmp / "startup-cache")))
            run = lambda: subprocess.run(self.ftrun(script), env=env, check=True, stdout=subprocess.DEVNULL)
            first = timed(run)
            later = [timed(run) for _ in range(self.args.startup_runs)]
            best = min(later)
            self.row(6, f"trivial script start to exit, {label}: second run best of {len(later)} (s; median "
                        f"{median(later):.3f}; first run {first:.3f})", f"{best:.3f}", "—", "—", "≤ 0.5 s", best <= 0.5)

    # ------------------------------------------------------------ scenario 8: a folder over a link with latency

    def link_tree(self):
        """Many small files through bench/DelayProxy.java (10 ms each way): ftrun's framed client against an rsync
        daemon, a fresh upload, then the same tree again unchanged (both skip it). JVM start included."""
        if not shutil.which("rsync"):
            self.notes.append("scenario 8: rsync is not installed (apt-get install rsync): skipped")
            return
        files, size, delay = self.args.link_files, 4096, self.args.link_delay_ms
        tree = self.tmp / "s8-tree" / "tree"
        if not tree.exists():
            for i in range(files):
                p = tree / f"d{i % 50:02d}" / f"f{i:05d}.bin"
                p.parent.mkdir(parents=True, exist_ok=True)
                p.write_bytes(os.urandom(size))
        ftrun_dir, rsync_dir = self.tmp / "s8-ftrun", self.tmp / "s8-rsync"
        ftrun_port, rsync_port, ftrun_link, rsync_link = free_port(), free_port(), free_port(), free_port()
        conf = self.tmp / "rsyncd.conf"
        conf.write_text(f"use chroot = no\nuid = {os.getuid()}\ngid = {os.getgid()}\n"
                        f"[in]\n    path = {fresh(rsync_dir)}\n    read only = no\n")
        proxy_dir = self.tmp / "proxy"
        javac = JDK25 / "bin" / "javac" if JDK25.exists() else "javac"
        subprocess.run([str(javac), "-d", str(proxy_dir), str(BENCH / "DelayProxy.java")], check=True)
        java = str(JDK25 / "bin" / "java") if JDK25.exists() else "java"
        proxy = lambda listen, target: [java, "-cp", str(proxy_dir), "DelayProxy", str(listen), str(target), str(delay)]
        client = self.ftrun(self.ftrun_dir / "samples/file-client.groovy", "-Phost=127.0.0.1", f"-Pport={ftrun_link}",
                            f"-Pfile={tree}", "-Pprotocol=framed")
        rsync = ["rsync", "-a", f"{tree}", f"rsync://127.0.0.1:{rsync_link}/in/"]
        with server(self.ftrun(BENCH / "scripts/framed-server.groovy", f"-Pport={ftrun_port}", f"-Pdir={fresh(ftrun_dir)}"),
                    ftrun_port, env=self.env), \
                server(["rsync", "--daemon", "--no-detach", f"--port={rsync_port}", "--address=127.0.0.1", f"--config={conf}"],
                       rsync_port), \
                server(proxy(ftrun_link, ftrun_port), ftrun_link), server(proxy(rsync_link, rsync_port), rsync_link):
            def count(d):
                return sum(1 for p in (d / "tree").rglob("*") if p.is_file() and not p.name.startswith("."))

            trash = self.tmp / "s8-trash"

            def upload(cmd, out, env=None):
                emptied(out, trash)
                t = timed(lambda: subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL))
                assert count(out) == files, f"{cmd[0]} stored {count(out)} of {files} files"
                return t

            def again(cmd, out, env=None):
                t = timed(lambda: subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL))
                assert count(out) == files, f"{cmd[0]} now holds {count(out)} files, not {files}: it stored some twice"
                return t

            self.warm_link_server(8, "upload", lambda: upload(client, ftrun_dir, self.env))
            times = {k: [] for k in ("ftrun", "rsync", "ftrun-again", "rsync-again")}
            for r in range(self.args.runs):
                order = [("ftrun", client, ftrun_dir, self.env), ("rsync", rsync, rsync_dir, None)]
                for name, cmd, out, env in (order if r % 2 == 0 else order[::-1]):
                    times[name].append(upload(cmd, out, env))
                    times[name + "-again"].append(again(cmd, out, env))
                    log(f"  run {r + 1}: {name} {times[name][-1]:.3f} s, unchanged again {times[name + '-again'][-1]:.3f} s")
        shutil.rmtree(self.tmp / "s8-trash", ignore_errors=True)
        rt = 2 * int(delay)
        for key, what in (("", f"{files} × 4 KiB upload"), ("-again", f"the same {files} files again, unchanged")):
            ours, peer = median(times["ftrun" + key]), median(times["rsync" + key])
            self.row(8, f"{what} over a {rt} ms round trip, ftrun framed vs rsync daemon (s; JVM start incl.)",
                     f"{ours:.3f}", f"{peer:.3f}", f"{ours / peer:.2f}", "≤ 1.0", ours / peer <= 1.0)

    def warm_link_server(self, scenario, what, once):
        """Untimed sessions before the timed runs: the server is measured warm, as in scenarios 3 and 4 (its JIT
        compiles for the first few thousand files); the client is a fresh JVM every time. The first session, right
        after the server started, is reported in a note."""
        n = max(1, self.args.link_warmup)
        cold = [once() for _ in range(n)]
        log(f"  warm-up: {n} untimed {what}s, {', '.join(f'{t:.3f}' for t in cold)} s")
        self.notes.append(f"scenario {scenario}: the ftrun server was warmed by {n} untimed {what}s (the client is a fresh "
                          f"JVM each time); the first, right after the server started, took {cold[0]:.3f} s")

    # ------------------------------------------------------------ scenarios 9 and 10: the other direction, and one big file

    def link_proxy(self):
        """A command line for bench/DelayProxy.java (compiled once): listen, target, the link's delay each way."""
        proxy_dir = self.tmp / "proxy"
        if not (proxy_dir / "DelayProxy.class").exists():
            javac = JDK25 / "bin" / "javac" if JDK25.exists() else "javac"
            subprocess.run([str(javac), "-d", str(proxy_dir), str(BENCH / "DelayProxy.java")], check=True)
        java = str(JDK25 / "bin" / "java") if JDK25.exists() else "java"
        return lambda listen, target: [java, "-cp", str(proxy_dir), "DelayProxy", str(listen), str(target),
                                       str(self.args.link_delay_ms)]

    def link_download_and_big(self):
        """Scenario 9: scenario 8's tree downloaded (ftrun's fetch from a serving server vs rsync pulling from its
        daemon), fresh and again unchanged. Scenario 10: one big file uploaded over the same link (ftrun framed vs
        rsync daemon). JVM start included."""
        if not shutil.which("rsync"):
            self.notes.append("scenarios 9/10: rsync is not installed (apt-get install rsync): skipped")
            return
        files, size = self.args.link_files, 4096
        src = self.tmp / "s9-src"
        tree = src / "tree"
        if not tree.exists():
            for i in range(files):
                p = tree / f"d{i % 50:02d}" / f"f{i:05d}.bin"
                p.parent.mkdir(parents=True, exist_ok=True)
                p.write_bytes(os.urandom(size))
        big = self.input_file(int(self.args.link_big_gib * GIB))
        ftrun_in, rsync_in = fresh(self.tmp / "s10-ftrun"), fresh(self.tmp / "s10-rsync")
        ftrun_port, rsync_port, ftrun_link, rsync_link = free_port(), free_port(), free_port(), free_port()
        conf = self.tmp / "rsyncd-s9.conf"
        conf.write_text(f"use chroot = no\nuid = {os.getuid()}\ngid = {os.getgid()}\n"
                        f"[out]\n    path = {src}\n    read only = yes\n"
                        f"[in]\n    path = {rsync_in}\n    read only = no\n")
        proxy = self.link_proxy()
        rt = 2 * int(self.args.link_delay_ms)
        with server(self.ftrun(BENCH / "scripts/framed-server.groovy", f"-Pport={ftrun_port}", f"-Pdir={ftrun_in}",
                               f"-Pserve={src}"), ftrun_port, env=self.env), \
                server(["rsync", "--daemon", "--no-detach", f"--port={rsync_port}", "--address=127.0.0.1", f"--config={conf}"],
                       rsync_port), \
                server(proxy(ftrun_link, ftrun_port), ftrun_link), server(proxy(rsync_link, rsync_port), rsync_link):
            ftrun_out, rsync_out = self.tmp / "s9-ftrun", self.tmp / "s9-rsync"
            fetch = lambda out: self.ftrun(self.ftrun_dir / "samples/fetch.groovy", "-Phost=127.0.0.1", f"-Pport={ftrun_link}",
                                           "-Pfile=tree", f"-Pdir={out}")
            pull = lambda out: ["rsync", "-a", f"rsync://127.0.0.1:{rsync_link}/out/tree", f"{out}/"]

            def count(d):
                return sum(1 for p in (d / "tree").rglob("*") if p.is_file() and not p.name.startswith("."))

            def run(cmd, out, env, want):
                t = timed(lambda: subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL))
                assert count(out) == want, f"{cmd[0]} holds {count(out)} of {want} files"
                return t

            trash = self.tmp / "s9-trash"
            fresh(ftrun_out)
            self.warm_link_server(9, "download", lambda: run(fetch(emptied(ftrun_out, trash)), ftrun_out, self.env, files))
            times = {k: [] for k in ("ftrun", "rsync", "ftrun-again", "rsync-again", "ftrun-big", "rsync-big")}
            for r in range(self.args.runs):
                order = [("ftrun", fetch, ftrun_out, self.env), ("rsync", pull, rsync_out, None)]
                for name, cmd, out, env in (order if r % 2 == 0 else order[::-1]):
                    times[name].append(run(cmd(emptied(out, trash)), out, env, files))
                    times[name + "-again"].append(run(cmd(out), out, env, files))
                    log(f"  run {r + 1}: {name} download {times[name][-1]:.3f} s, again {times[name + '-again'][-1]:.3f} s")
            shutil.rmtree(trash, ignore_errors=True)
            up = [("ftrun", lambda: self.ftrun(self.ftrun_dir / "samples/file-client.groovy", "-Phost=127.0.0.1",
                                               f"-Pport={ftrun_link}", f"-Pfile={big}", "-Pprotocol=framed"), ftrun_in, self.env),
                  ("rsync", lambda: ["rsync", "-a", "--whole-file", str(big), f"rsync://127.0.0.1:{rsync_link}/in/"], rsync_in, None)]
            for r in range(self.args.runs):
                for name, cmd, out, env in (up if r % 2 == 0 else up[::-1]):
                    for p in list(out.iterdir()):  # the receivers keep their directories (and lock files) open
                        shutil.rmtree(p) if p.is_dir() else p.unlink()
                    times[name + "-big"].append(timed(lambda: subprocess.run(cmd(), check=True, env=env, stdout=subprocess.DEVNULL)))
                    got = sum(p.stat().st_size for p in out.rglob("*") if p.is_file() and not p.name.startswith("."))
                    assert got == big.stat().st_size, f"{name} stored {got} bytes of {big.stat().st_size}"
                    log(f"  run {r + 1}: {name} big upload {times[name + '-big'][-1]:.3f} s")
        for key, scenario, what, target in (
                ("", 9, f"{files} × 4 KiB download", 1.0), ("-again", 9, f"the same {files} files downloaded again, unchanged", 1.0),
                ("-big", 10, f"one {self.args.link_big_gib:g} GiB file uploaded", 1.1)):
            ours, peer = median(times["ftrun" + key]), median(times["rsync" + key])
            self.row(scenario, f"{what} over a {rt} ms round trip, ftrun vs rsync daemon (s; JVM start incl.)",
                     f"{ours:.3f}", f"{peer:.3f}", f"{ours / peer:.2f}", f"≤ {target}", ours / peer <= target)

    # ------------------------------------------------------------ scenario 7: a huge file, flat heap

    def huge(self):
        want = int(self.args.huge_gib * GIB)
        free = shutil.disk_usage(self.tmp).free
        size = min(want, free - 2 * GIB)
        if size < GIB:
            self.notes.append(f"scenario 7 skipped: only {free / GIB:.1f} GiB free on {self.tmp}")
            return
        if size < want:
            self.notes.append(f"scenario 7 received {size / GIB:.1f} GiB instead of {want / GIB:g}: "
                              f"only {free / GIB:.1f} GiB were free")
        port, d = free_port(), fresh(self.tmp / "s7")
        jstat = shutil.which("jstat", path=str(Path(os.environ.get("JAVA_HOME", "/usr")) / "bin")) or "jstat"
        with server(self.ftrun(BENCH / "scripts/raw-server.groovy", f"-Pport={port}", f"-Pdir={d}", "-PmaxSize=1TB"),
                    port, env=self.env) as srv:
            time.sleep(1)
            sampler = subprocess.Popen([jstat, "-gc", str(srv.pid), "500"], stdout=subprocess.PIPE, text=True)
            t = timed(lambda: subprocess.run(f"head -c {size} /dev/zero | nc -N 127.0.0.1 {port}", shell=True, check=True))
            time.sleep(1)
            sampler.terminate()
            lines = sampler.communicate()[0].split("\n")
        header = lines[0].split()
        number = lambda v: float(v) if v not in ("-", "") else 0.0  # jstat prints '-' for what SerialGC lacks
        samples = [dict(zip(header, map(number, line.split()))) for line in lines[1:] if line.strip()]
        used = [s["S0U"] + s["S1U"] + s["EU"] + s["OU"] for s in samples]  # KiB
        young = samples[-1]["YGC"] - samples[0]["YGC"]
        stored = [p.stat().st_size for p in d.glob("file_*")]
        shutil.rmtree(d, ignore_errors=True)
        growth = (max(used) - used[0]) / 1024
        self.row(7, f"{size / GIB:.1f} GiB raw upload streamed from head -c … \\| nc: heap used (MiB) min {min(used) / 1024:.0f}, "
                    f"max {max(used) / 1024:.0f}, young GCs {young:.0f}, {size / MIB / t:.0f} MiB/s, stored {stored == [size]}",
                 f"{growth:.0f}", "—", "—", "heap growth ≤ 64 MiB, no GC churn", growth <= 64 and stored == [size])

    # ------------------------------------------------------------ report

    def report(self):
        lines = [f"ftrun benchmark, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
                 f"{os.cpu_count()} cores, runs per scenario: {self.args.runs}",
                 f"java: {subprocess.run([os.environ.get('JAVA_HOME', '/usr') + '/bin/java', '-version'], capture_output=True, text=True).stderr.splitlines()[0]}",
                 "",
                 "| # | what | ftrun (median) | peer (median) | ratio ftrun/peer | target | met | load (1 min) |",
                 "|---|---|---|---|---|---|---|---|"]
        for s, what, ours, peer, ratio, target, met, ld in self.rows:
            lines.append(f"| {s} | {what} | {ours} | {peer} | {ratio} | {target} | {'yes' if met else '**no**'} | {ld:.2f} |")
        if self.notes:
            lines += [""] + [f"- {n}" for n in self.notes]
        text = "\n".join(lines) + "\n"
        print(text)
        if self.args.out:
            Path(self.args.out).write_text(text)
            log(f"written to {self.args.out}")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--ftrun", default=str(BENCH.parent), help="the ftrun checkout to measure (default: this one)")
    p.add_argument("--scenarios", default="1,2,3,4,5,6,7,8,9,10", help="which scenarios (1 and 2 run together, so do 9 and 10)")
    p.add_argument("--runs", type=int, default=3, help="interleaved runs per contender (medians are reported)")
    p.add_argument("--upload-gib", type=float, default=1.0, help="size of the single upload (scenarios 1, 2)")
    p.add_argument("--clients", type=int, default=1000, help="concurrent uploaders (scenario 3)")
    p.add_argument("--idle", type=int, default=10_000, help="idle connections (scenario 5)")
    p.add_argument("--startup-runs", type=int, default=5, help="runs after the first (scenario 6)")
    p.add_argument("--huge-gib", type=float, default=10.0, help="size of the streamed upload (scenario 7)")
    p.add_argument("--link-files", type=int, default=5000, help="files of 4 KiB sent over the link (scenario 8)")
    p.add_argument("--link-delay-ms", default="10", help="the link's delay each way, in ms (scenarios 8 to 10)")
    p.add_argument("--link-warmup", type=int, default=10, help="untimed sessions the ftrun server gets first (scenarios 8, 9): a server runs for days, and on 2 cores its JIT still competed with the client after 4")
    p.add_argument("--link-big-gib", type=float, default=1.0, help="size of the file uploaded over the link (scenario 10)")
    p.add_argument("--java-home", help="JDK for ftrun (default: JAVA_HOME or the java on the PATH; scenario 5 uses JDK 25)")
    p.add_argument("--tmp", default=None, help="where to put the temporary files (default: the system's temp dir)")
    p.add_argument("--out", help="also write the result table (markdown) to this file")
    args = p.parse_args()
    chosen = {int(s) for s in args.scenarios.split(",")}
    b = Bench(args)
    try:
        b.setup()
        steps = [({1, 2}, b.big_upload), ({3}, b.concurrent_uploads), ({4}, b.echo), ({5}, b.idle),
                 ({6}, b.startup), ({7}, b.huge), ({8}, b.link_tree), ({9, 10}, b.link_download_and_big)]
        for ids, step in steps:
            if ids & chosen:
                log(f"scenario {'/'.join(map(str, sorted(ids)))} (load {load():.2f})")
                try:
                    step()
                except Exception as e:  # one broken scenario must not lose the others' results
                    b.notes.append(f"scenario {'/'.join(map(str, sorted(ids)))} failed: {e!r}")
                    log(f"  failed: {e!r}")
        b.report()
    finally:
        shutil.rmtree(b.tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
