"""The driver's packing of listed files into partitions (pure Python)."""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import shiju_spark as S  # noqa: E402


def _loads(groups, sizes):
    return sorted(sum(sizes[p] for p in g) for g in groups)


def test_equal_files_split_evenly_over_the_cores():
    # 40 files of one size asked as 4 partitions: 10 each (Spark's own
    # size packing can return 5, which two cores run as 3 + 2)
    sizes = {f"part-{i:04d}.warc.gz": 6_500_000 for i in range(40)}
    groups = S.pack_files(list(sizes.items()), 4)
    assert [len(g) for g in groups] == [10, 10, 10, 10]
    assert sorted(p for g in groups for p in g) == sorted(sizes)


def test_unequal_files_give_near_equal_loads():
    sizes = {"a": 900, "b": 500, "c": 400, "d": 300, "e": 300, "f": 100}
    groups = S.pack_files(list(sizes.items()), 2, open_cost=0)
    # largest first into the lightest group: within one small file of even
    assert _loads(groups, sizes) == [1200, 1300]


def test_more_partitions_than_files_and_no_files():
    assert S.pack_files([("only", 10)], 4) == [["only"]]
    assert S.pack_files([], 3) == []
    assert S.pack_files([("x", 1), ("y", 1)], 0) == [["x", "y"]]


def test_byte_sizes_as_spark_writes_them():
    assert S._bytes_conf("134217728") == 134217728
    assert S._bytes_conf("134217728b") == 134217728
    assert S._bytes_conf("128m") == 128 << 20
    assert S._bytes_conf("1g") == 1 << 30


def test_hidden_names_as_spark_lists_them():
    for name in ["_a.txt", ".b.txt", "x._COPYING_", "_metadata", "_hid", ".git"]:
        assert S.hidden_name(name), name
    for name in ["a.txt", "_f=1.txt", "n=1", "event_month=2024-05", "a_b.txt", "中文.txt"]:
        assert not S.hidden_name(name), name


def test_only_local_paths_without_globs_are_listed_in_python(tmp_path):
    (tmp_path / "a.html").write_bytes(b"<p>x</p>")
    assert S.list_local(str(tmp_path)) == [(f"file:{tmp_path}/a.html", 8)]
    for inp in ["hdfs:///news/raw", "s3a://bucket/news", f"{tmp_path}/*.html",
                f"{tmp_path}/{{a,b}}.html", f"{tmp_path},hdfs:///x"]:
        assert S.list_local(inp) is None, inp
