"""The driver JVM's options (spark/shiju_jvm.py), without starting Spark."""

import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import shiju_jvm as J  # noqa: E402

OPTS = "spark.driver.extraJavaOptions"


EXEC = "spark.executor.extraJavaOptions"


def test_users_options_and_a_running_jvm_are_left_alone(tmp_path, monkeypatch):
    conf = {OPTS: "-Xmx2g", EXEC: "-Xss4m", "spark.ui.enabled": "false"}
    assert J.DriverJvm(conf, True, str(tmp_path)).conf() == conf
    monkeypatch.setenv("PYSPARK_GATEWAY_PORT", "12345")
    assert OPTS not in J.DriverJvm({}, True, str(tmp_path)).conf()


def test_archive_is_dumped_first_then_mapped(tmp_path):
    if J.archive_key({}, "") is None:
        pytest.skip("no Java or no Spark jars")
    cache = str(tmp_path / "cds")
    first = J.DriverJvm({}, True, cache)
    opts = first.conf()[OPTS]
    assert J.LIGHT in opts and J.QUIET in opts
    assert f"-XX:ArchiveClassesAtExit={first.pending}" in opts
    assert first.pending.startswith(first.final) and first.pending.endswith(".tmp")
    # a dump that never happened leaves nothing behind
    first.finish()
    assert not os.path.exists(first.pending) and not os.path.exists(first.final)
    open(first.final, "wb").close()
    again = J.DriverJvm({}, True, cache)
    assert f"-XX:SharedArchiveFile={first.final}" in again.conf()[OPTS] and again.pending is None
    # executors: the archive only on a standalone cluster of this machine
    assert again.conf()[EXEC] == J.LIGHT
    here = J.DriverJvm({}, True, cache, "spark://127.0.0.1:7077")
    assert f"-XX:SharedArchiveFile={first.final}" in here.conf()[EXEC]
    assert J.DriverJvm({}, True, cache, "spark://node7:7077").conf()[EXEC] == J.LIGHT
    # the JVM writer's settings and the class path make other archives
    heavy = J.DriverJvm({}, False, cache)
    assert J.LIGHT not in heavy.conf()[OPTS] and heavy.final != first.final
    jars = J.DriverJvm({"spark.jars": "x.jar"}, True, cache)
    assert jars.final != first.final


def test_no_cache_means_no_archive(tmp_path):
    assert J.DriverJvm({}, True, None).conf()[OPTS] == J.LIGHT
    assert J.DriverJvm({}, True, None).conf()[EXEC] == J.LIGHT
    assert not {OPTS, EXEC} & set(J.DriverJvm({}, False, None).conf())


def test_masters_on_this_host():
    assert J.on_this_host("spark://127.0.0.1:7077")
    assert J.on_this_host("spark://localhost:7077,127.0.0.1:7078")
    assert not J.on_this_host("spark://127.0.0.1:7077,node2:7077")
    assert not J.on_this_host("local[2]") and not J.on_this_host(None)
    assert not J.on_this_host("yarn")


def test_prune_keeps_the_most_recently_used_archives(tmp_path):
    def made(name, age):
        p = tmp_path / name
        p.write_bytes(b"x")
        os.utime(p, (1_000_000 - age, 1_000_000 - age))
        return p

    old = [made(f"driver-{i}.jsa", 100 * i) for i in range(5)]
    fresh_dump = made("driver-9.jsa.123.tmp", 60)
    stale_dump = made("driver-8.jsa.456.tmp", 3 * 24 * 3600)
    other = made("notes.txt", 10 ** 6)
    J.prune(str(tmp_path), keep=3, now=1_000_000)
    assert [p.exists() for p in old] == [True, True, True, False, False]
    assert fresh_dump.exists() and not stale_dump.exists() and other.exists()
    # a used archive counts as recent again
    J.touch(str(old[2]))
    made("driver-new.jsa", -50)
    J.prune(str(tmp_path), keep=2)
    assert old[2].exists() and not old[0].exists() and not old[1].exists()
