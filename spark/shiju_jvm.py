"""Start-up settings for the driver's JVM (used by shiju_spark.main).

With `--writer shiju` the JVM runs no per-document code: it starts, plans
an RDD job (on local inputs, one) and collects a few hundred bytes per task, so what it
costs is start-up — class loading and verification of thousands of classes
from Spark's 280 jars, and the JIT compiling code that runs once. Two
settings cut that (measured in spark/README.md, "Session 12"):

* class-data sharing: the first run dumps the classes it loaded into an
  archive (`-XX:ArchiveClassesAtExit`) under a cache folder, and later runs
  map it (`-XX:SharedArchiveFile`) instead of parsing and verifying the
  classes again. The archive is named after what it depends on (the java
  binary, Spark's jars, the class path settings), so a different Java or
  Spark makes a new one; a stale or unusable archive only costs the
  saving (the JVM falls back to loading classes itself);
* with the shiju writer, the C1 compiler alone and the serial collector
  (`-XX:TieredStopAtLevel=1 -XX:+UseSerialGC`): the JVM's own code is short
  lived, so C2's compilations and G1's threads are cost without return.
  With `--writer spark` the JVM parses and writes every row, so the JIT and
  collector stay as they are.

The executors' JVMs (a standalone cluster, YARN, Kubernetes) get the same
JIT and collector with the shiju writer, and on a standalone cluster of this
machine (`spark://127.0.0.1:…`, `localhost`, this host's name) the driver's
archive too: their class path is the driver's, so they map what the driver
dumped.

The driver's options are left alone when its JVM is already running
(spark-submit) or the user sets `spark.driver.extraJavaOptions`; the
executors' when the user sets `spark.executor.extraJavaOptions`.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import time
from typing import Dict, Optional

LIGHT = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
# archives kept in the cache folder (≈120 MB each): the most recently used;
# a new Java, Spark or class path makes a new one and the oldest goes
KEEP_ARCHIVES = 3
# a temporary dump older than this was left by a run that died mid-dump
STALE_DUMP_S = 24 * 3600
# CDS messages go to stdout by default (e.g. the classes a dump skips):
# keep the driver's stdout for its JSON line
QUIET = "-Xlog:cds=off -Xlog:cds+dynamic=off"
# settings and variables that change the driver's class path
CLASSPATH_CONF = ("spark.driver.extraClassPath", "spark.jars", "spark.jars.packages",
                  "spark.jars.repositories", "spark.driver.userClassPathFirst")
CLASSPATH_ENV = ("SPARK_HOME", "SPARK_CONF_DIR", "SPARK_CLASSPATH", "SPARK_DIST_CLASSPATH",
                 "HADOOP_CONF_DIR", "YARN_CONF_DIR", "JAVA_HOME")


def default_cache() -> str:
    """`$XDG_CACHE_HOME/shiju/spark-cds`, else `~/.cache/shiju/spark-cds`."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "shiju", "spark-cds")


def _spark_home() -> Optional[str]:
    home = os.environ.get("SPARK_HOME")
    if home:
        return home
    try:
        import pyspark
    except ImportError:
        return None
    return os.path.dirname(os.path.abspath(pyspark.__file__))


def _java() -> Optional[str]:
    home = os.environ.get("JAVA_HOME")
    java = os.path.join(home, "bin", "java") if home else shutil.which("java")
    return os.path.realpath(java) if java and os.path.exists(java) else None


def archive_key(conf: Dict[str, str], options: str) -> Optional[str]:
    """A name for the class archive of a driver JVM started with `conf` and
    `options`: a hash of the java binary, every jar of Spark (name, size,
    time), the class path settings and the options; None without Java or
    Spark's jars."""
    java, home = _java(), _spark_home()
    jars = os.path.join(home, "jars") if home else None
    if java is None or jars is None or not os.path.isdir(jars):
        return None
    h = hashlib.sha256()

    def add(*parts) -> None:
        h.update("\0".join(str(p) for p in parts).encode("utf-8", "surrogateescape") + b"\n")

    st = os.stat(java)
    add(java, st.st_size, st.st_mtime_ns, options)
    for name in sorted(os.listdir(jars)):
        st = os.stat(os.path.join(jars, name))
        add(name, st.st_size, st.st_mtime_ns)
    for k in CLASSPATH_CONF:
        add(k, conf.get(k, ""))
    for k in CLASSPATH_ENV:
        add(k, os.environ.get(k, ""))
    return h.hexdigest()[:24]


def on_this_host(master: Optional[str]) -> bool:
    """Whether `master` is a standalone cluster whose hosts are all this one."""
    if not master or not master.startswith("spark://"):
        return False
    here = {"127.0.0.1", "localhost", "[::1]", socket.gethostname()}
    return all(hp.rpartition(":")[0] in here for hp in master[len("spark://"):].split(","))


class DriverJvm:
    """Chooses the JVMs' options (`conf()`), and after the session is
    stopped (`finish()`) puts a newly dumped class archive in place."""

    def __init__(self, conf: Dict[str, str], light: bool, cache: Optional[str],
                 master: Optional[str] = None):
        self.base = dict(conf)
        self.pending: Optional[str] = None
        self.final: Optional[str] = None
        self.options = ""
        self.executor_options = ""
        if light and "spark.executor.extraJavaOptions" not in conf:
            self.executor_options = LIGHT
        if "spark.driver.extraJavaOptions" in conf or os.environ.get("PYSPARK_GATEWAY_PORT"):
            return  # the user's options, or a JVM already running
        opts = [LIGHT] if light else []
        key = archive_key(conf, " ".join(opts)) if cache else None
        if key and cache:
            self.final = os.path.join(cache, f"driver-{key}.jsa")
            if os.path.isfile(self.final):
                touch(self.final)  # recently used: kept by prune()
                opts += [f"-XX:SharedArchiveFile={self.final}", QUIET]
                if self.executor_options and on_this_host(master):
                    self.executor_options += f" -XX:SharedArchiveFile={self.final} {QUIET}"
            else:
                try:
                    os.makedirs(cache, exist_ok=True)
                except OSError:
                    self.final = None
                else:
                    self.pending = f"{self.final}.{os.getpid()}.tmp"
                    opts += [f"-XX:ArchiveClassesAtExit={self.pending}", QUIET]
        self.options = " ".join(opts)

    def conf(self) -> Dict[str, str]:
        out = dict(self.base)
        if self.options:
            out["spark.driver.extraJavaOptions"] = self.options
        if self.executor_options:
            out["spark.executor.extraJavaOptions"] = self.executor_options
        return out

    def finish(self, timeout: float = 300) -> None:
        """After `spark.stop()`: when this run dumps an archive, ends the
        JVM (it exits once its standard input closes), waits for the dump and
        moves the archive to its final name; a failed dump leaves none."""
        if not self.pending or not self.final:
            return
        try:
            from pyspark import SparkContext

            proc = getattr(SparkContext._gateway, "proc", None)
            if proc is not None and proc.stdin is not None:
                proc.stdin.close()
                proc.wait(timeout)
                if proc.returncode == 0 and os.path.getsize(self.pending) > 0:
                    os.replace(self.pending, self.final)
                    prune(os.path.dirname(self.final))
        except Exception:  # noqa: BLE001 (an archive is an optimisation; never fail the run)
            pass
        finally:
            if os.path.exists(self.pending):
                try:
                    os.remove(self.pending)
                except OSError:
                    pass


def touch(path: str) -> None:
    """Marks an archive as used now (its modification time orders prune())."""
    try:
        os.utime(path)
    except OSError:
        pass


def prune(cache: str, keep: int = KEEP_ARCHIVES, now: Optional[float] = None) -> None:
    """Removes from `cache` all but the `keep` most recently used archives
    (`driver-*.jsa`), and temporary dumps older than a day."""
    now = time.time() if now is None else now
    archives = []
    try:
        names = os.listdir(cache)
    except OSError:
        return
    for name in names:
        if not name.startswith("driver-"):
            continue
        path = os.path.join(cache, name)
        try:
            mtime = os.stat(path).st_mtime
        except OSError:
            continue
        if name.endswith(".jsa"):
            archives.append((mtime, path))
        elif name.endswith(".tmp") and now - mtime > STALE_DUMP_S:
            _remove(path)
    archives.sort(reverse=True)
    for _, path in archives[keep:]:
        _remove(path)


def _remove(path: str) -> None:
    try:
        os.remove(path)
    except OSError:
        pass
