"""The four output tables, derived in the JVM from shiju's output lines.

The executors' Python hands Spark each output line of `shiju analyze
--jsonl` as it came (raw bytes, no pickling: `sha256 TAB size TAB line`);
Spark parses it with `from_json` against `LINE_SCHEMA` and derives
`events`, `articles`, `entities` and `rejects` with SQL expressions that
compute exactly what `shiju_spark.rows_of_line` computes in Python (the
tests compare both): `global_event_id` (SHA-256 over the fields joined by
U+001F, first 8 bytes, top bit cleared) and `event_month` included.
"""

from __future__ import annotations

# The analysis line as `shiju analyze --jsonl` writes it (docs/analysis-format.md).
LINE_SCHEMA = (
    "`id` string, `doc` string, `error` string, "
    "`article` struct<`title`:string,`published`:string,`dateline`:string,"
    "`authors`:array<string>,`outlet`:string,`url`:string,`script`:string,`form`:string,"
    "`encoding`:string,`paragraphs`:array<string>>, "
    "`entities` array<struct<`id`:string,`type`:string,`name`:string,`country`:string,"
    "`role`:struct<`title`:string,`of`:string,`status`:string>,`forms`:array<string>,"
    "`mentions`:array<struct<`text`:string,`start`:int,`end`:int>>>>, "
    "`timex` array<struct<`text`:string,`value`:string,`start`:int,`end`:int>>, "
    "`quotes` array<struct<`speaker`:string,`text`:string,`start`:int,`end`:int>>, "
    "`events` array<struct<`source`:string,`target`:string,`source_entity`:string,"
    "`target_entity`:string,`code`:string,`cameo`:string,`goldstein`:double,`quad_class`:int,"
    "`plover`:string,`date`:string,`evidence`:string,`start`:int,`end`:int>>"
)

OK = "a.error IS NULL AND a.article IS NOT NULL"
DOC = "coalesce(a.doc, a.id, '')"


def event_month_sql(d: str) -> str:
    """SQL for `shiju_spark.event_month` of the date expression `d`."""
    t = f"trim({d})"
    y = f"CAST(substr({t}, 1, 4) AS INT)"
    w = f"CAST(substr({t}, 7, 2) AS INT)"
    jan4 = f"make_date({y}, 1, 4)"
    thu = f"date_add(date_sub({jan4}, weekday({jan4})), ({w} - 1) * 7 + 3)"
    return (
        f"CASE WHEN {t} RLIKE '^[0-9]{{4}}-[0-9]{{2}}' THEN "
        f"  CASE WHEN CAST(substr({t}, 6, 2) AS INT) BETWEEN 1 AND 12 THEN substr({t}, 1, 7) END "
        f"WHEN {t} RLIKE '^[0-9]{{4}}-W[0-9]{{2}}' THEN "
        f"  CASE WHEN {w} >= 1 AND {w} <= 53 AND year({thu}) = {y} "
        f"       THEN date_format({thu}, 'yyyy-MM') END "
        f"WHEN {t} RLIKE '^[0-9]{{4}}$' THEN concat({t}, '-00') END"
    )


def global_event_id_sql(doc: str, e: str) -> str:
    key = (f"concat_ws(chr(31), {doc}, coalesce({e}.source, ''), coalesce({e}.target, ''), "
           f"coalesce({e}.code, ''), coalesce({e}.date, ''), "
           f"CAST(coalesce({e}.start, 0) AS STRING))")
    return (f"CAST(pmod(CAST(conv(substr(sha2({key}, 256), 1, 16), 16, 10) AS DECIMAL(20,0)), "
            f"CAST(9223372036854775808 AS DECIMAL(20,0))) AS BIGINT)")


def parse(raw):
    """`raw` (one string column `value`: sha256 TAB size TAB line) → columns
    sha256, size, line, a (the parsed line)."""
    from pyspark.sql import functions as F

    parts = F.split(F.col("value"), "\t", 3)
    return raw.select(
        F.when(parts[0] != "", parts[0]).alias("sha256"),
        F.when(parts[1] != "", parts[1].cast("long")).alias("size"),
        parts[2].alias("line"),
    ).select("sha256", "size", "line", F.from_json("line", LINE_SCHEMA).alias("a"))


def events(parsed):
    e = "e"
    cols = [
        f"{global_event_id_sql(DOC, e)} AS global_event_id",
        f"{DOC} AS doc",
        "coalesce(e.source, '') AS source", "coalesce(e.target, '') AS target",
        "e.source_entity AS source_entity", "e.target_entity AS target_entity",
        "coalesce(e.code, '') AS code",
        "coalesce(e.cameo, substr(coalesce(e.code, ''), 1, 2)) AS root",
        "e.goldstein AS goldstein", "coalesce(e.quad_class, 0) AS quad_class",
        "e.plover AS plover", "coalesce(e.date, '') AS date",
        "coalesce(e.evidence, '') AS evidence",
        "coalesce(e.start, 0) AS start", "coalesce(e.`end`, 0) AS `end`",
        "a.article.url AS url", "a.article.outlet AS outlet", "a.article.published AS published",
        f"{event_month_sql('e.date')} AS event_month",
    ]
    return (parsed.where(OK).selectExpr("a", "explode(a.events) AS e").selectExpr(*cols))


def articles(parsed):
    cols = [
        f"{DOC} AS doc", "coalesce(a.id, a.doc, '') AS id", "a.article.title AS title",
        "a.article.published AS published", "a.article.dateline AS dateline",
        "coalesce(a.article.authors, array()) AS authors", "a.article.outlet AS outlet",
        "a.article.url AS url", "coalesce(a.article.script, '') AS script",
        "coalesce(a.article.form, '') AS form", "coalesce(a.article.encoding, '') AS encoding",
        "coalesce(a.article.paragraphs, array()) AS paragraphs",
        "transform(a.timex, t -> struct(coalesce(t.text, '') AS text, t.value AS value, "
        "coalesce(t.start, 0) AS start, coalesce(t.`end`, 0) AS `end`)) AS timex",
        "transform(a.quotes, q -> struct(q.speaker AS speaker, coalesce(q.text, '') AS text, "
        "coalesce(q.start, 0) AS start, coalesce(q.`end`, 0) AS `end`)) AS quotes",
        "coalesce(size(a.entities), 0) AS n_entities", "coalesce(size(a.events), 0) AS n_events",
        "line AS analysis_json", "sha256", "size",
    ]
    return parsed.where(OK).selectExpr(*cols)


def entities(parsed):
    cols = [
        f"{DOC} AS doc", "coalesce(en.id, '') AS entity_id", "coalesce(en.type, '') AS type",
        "en.name AS name", "en.country AS country", "en.role.title AS role_title",
        "en.role.of AS role_of", "en.role.status AS role_status",
        "coalesce(en.forms, array()) AS forms",
        "transform(en.mentions, m -> struct(coalesce(m.text, '') AS text, "
        "coalesce(m.start, 0) AS start, coalesce(m.`end`, 0) AS `end`)) AS mentions",
        "coalesce(size(en.mentions), 0) AS n_mentions",
    ]
    return parsed.where(OK).selectExpr("a", "explode(a.entities) AS en").selectExpr(*cols)


def rejects(parsed):
    cols = [
        "a.id AS id", "a.doc AS doc",
        "CASE WHEN a IS NULL THEN 'unreadable shiju output line' "
        "ELSE coalesce(a.error, 'no analysis') END AS error",
        "sha256", "size",
    ]
    return parsed.where(f"NOT ({OK}) OR a IS NULL").selectExpr(*cols)


TABLES = {"events": events, "articles": articles, "entities": entities, "rejects": rejects}


def counts(parsed):
    """Row counts of the four tables, in one pass over the parsed lines."""
    r = parsed.selectExpr(
        f"sum(CASE WHEN {OK} THEN coalesce(size(a.events), 0) ELSE 0 END) AS events",
        f"sum(CASE WHEN {OK} THEN 1 ELSE 0 END) AS articles",
        f"sum(CASE WHEN {OK} THEN coalesce(size(a.entities), 0) ELSE 0 END) AS entities",
        f"sum(CASE WHEN {OK} THEN 0 ELSE 1 END) AS rejects",
    ).collect()[0]
    return {k: int(r[k] or 0) for k in ("events", "articles", "entities", "rejects")}
