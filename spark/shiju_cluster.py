"""A loopback Spark standalone cluster for the tests and the benchmark: a
master and N one-core workers on 127.0.0.1, started from pyspark's own
`bin/spark-class` (no installation beyond pip's pyspark), stopped on exit.

    with standalone(tmp, workers=2) as cluster:
        ... --master cluster.url ...   (cluster.pids: the master's and workers')

Everything the cluster writes (logs, the workers' folders: `tmp/work/wN`,
where each executor fetches its copy of the shipped files) stays under
`tmp`."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
from typing import Iterator, List, NamedTuple


class Cluster(NamedTuple):
    url: str  # spark://127.0.0.1:PORT
    pids: List[int]  # the master's and the workers' processes (executors are their children)


def spark_home() -> str:
    home = os.environ.get("SPARK_HOME")
    if home:
        return home
    import pyspark

    return os.path.dirname(os.path.abspath(pyspark.__file__))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(path: str, needle: str, count: int, proc: subprocess.Popen, timeout: float) -> None:
    """Waits until `path` (a process's log) holds `needle` `count` times."""
    end = time.time() + timeout
    while time.time() < end:
        if proc.poll() is not None:
            raise AssertionError(f"{path}: process exited: {open(path).read()[-3000:]}")
        if os.path.exists(path) and open(path, errors="replace").read().count(needle) >= count:
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {needle!r} in {path}")


def stop(procs: List[subprocess.Popen]) -> None:
    """SIGTERM to each process group (last started first), SIGKILL after 20 s."""
    for p in reversed(procs):
        if p.poll() is None:
            try:
                os.killpg(p.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
    for p in reversed(procs):
        try:
            p.wait(timeout=20)
        except subprocess.TimeoutExpired:
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            p.wait(timeout=10)


@contextlib.contextmanager
def standalone(tmp: str, workers: int = 2, cores: int = 1,
               memory: str = "1g") -> Iterator[Cluster]:
    """Starts a master and `workers` workers of `cores` cores each under
    `tmp`; yields its URL and processes; stops them all (also on SIGTERM,
    e.g. a CI timeout)."""
    home = spark_home()
    spark_class = os.path.join(home, "bin", "spark-class")
    if not os.path.exists(spark_class):
        raise AssertionError(f"{spark_class} missing")
    env = dict(os.environ, SPARK_HOME=home, SPARK_LOG_DIR=f"{tmp}/logs",
               SPARK_PID_DIR=f"{tmp}/pids", SPARK_WORKER_DIR=f"{tmp}/work",
               SPARK_LOCAL_DIRS=f"{tmp}/local", SPARK_NO_DAEMONIZE="1",
               SPARK_LOCAL_IP="127.0.0.1")
    for d in ("logs", "pids", "work", "local"):
        os.makedirs(f"{tmp}/{d}", exist_ok=True)
    port = free_port()
    master_url = f"spark://127.0.0.1:{port}"
    procs: List[subprocess.Popen] = []

    def on_term(signum, frame):  # still stop the cluster (finally below)
        raise SystemExit(f"signal {signum}")

    old_term = signal.signal(signal.SIGTERM, on_term)
    try:
        mlog = f"{tmp}/logs/master.log"
        procs.append(subprocess.Popen(
            [spark_class, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
             "--port", str(port), "--webui-port", str(free_port())],
            env=env, stdout=open(mlog, "w"), stderr=subprocess.STDOUT, start_new_session=True))
        wait_for(mlog, "I have been elected leader", 1, procs[0], 90)
        for i in range(workers):
            wlog = f"{tmp}/logs/worker{i}.log"
            procs.append(subprocess.Popen(
                [spark_class, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                 "--cores", str(cores), "--memory", memory, "--work-dir", f"{tmp}/work/w{i}",
                 "--webui-port", str(free_port()), master_url],
                env=env, stdout=open(wlog, "w"), stderr=subprocess.STDOUT, start_new_session=True))
        wait_for(mlog, "Registering worker", workers, procs[0], 90)
        yield Cluster(master_url, [p.pid for p in procs])
    finally:
        stop(procs)
        signal.signal(signal.SIGTERM, old_term)
