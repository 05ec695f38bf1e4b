"""The two cross-article stages, run on the cluster over every article's rows so neither needs one
machine's memory: actors merged by alias key, and each quantity as each claimant gives it. Each takes
the rows as DataFrames and writes its table to ``out``; it returns the table's row count."""

from __future__ import annotations

from typing import Any


def merge_actors_stage(article_actors: Any, statements: Any, out: str) -> int:
    """One row per actor across all articles, merged by alias key: name (the most used, then the
    longest), aliases, roles, article and statement counts. (``load`` re-merges exactly as ingest does.)"""
    from pyspark.sql import functions as F

    aa = article_actors.select("article_id", "name", "kind", "gender", "aliases", "roles",
                               F.col("merge_key").alias("key"))
    st = statements.where(F.col("speaker_name").isNotNull())
    said = st.groupBy("article_id", F.col("speaker_name").alias("name")).agg(F.count("*").alias("said"))
    per = aa.join(said, ["article_id", "name"], "left")
    role = F.from_json("roles", "array<string>")
    per = per.select("key", "name", "kind", "gender", F.from_json("aliases", "array<string>").alias("aliases"),
                     F.transform(role, lambda r: F.when(r.startswith("{"), F.get_json_object(r, "$.text"))
                                 .otherwise(r)).alias("roles"),
                     F.coalesce("said", F.lit(0)).alias("said"))
    names = per.groupBy("key", "name").agg(F.count("*").alias("uses"))
    best = names.groupBy("key").agg(F.max_by("name", F.struct("uses", F.length("name"), "name")).alias("name"),
                                    F.collect_list("name").alias("names"))
    merged = per.groupBy("key").agg(
        F.min("kind").alias("kind"), F.max("gender").alias("gender"),
        F.flatten(F.collect_list("aliases")).alias("aliases"), F.flatten(F.collect_list("roles")).alias("roles"),
        F.count("*").alias("articles"), F.sum("said").alias("statements"))
    actors = merged.join(best, "key").select(
        "key", "name", "kind", "gender",
        F.to_json(F.array_sort(F.array_distinct(F.concat("aliases", "names")))).alias("aliases"),
        F.to_json(F.array_sort(F.array_distinct("roles"))).alias("roles"),
        F.col("articles").cast("long"), F.col("statements").cast("long"))
    actors.write.mode("overwrite").parquet(out)
    return int(actors.sparkSession.read.parquet(out).count())


def group_figures_stage(figures: Any, out: str) -> int:
    """Each quantity as each claimant gives it, over every article: the figures-compare table at scale."""
    from pyspark.sql import functions as F

    f = figures.where(F.col("quantity").isNotNull())
    claimant = F.coalesce(F.col("claimant_name"), F.lit(""))
    g = (f.groupBy("quantity", claimant.alias("claimant"))
         .agg(F.count("*").alias("figures"), F.countDistinct("article_id").alias("articles"),
              F.min(F.coalesce("low", "value")).alias("lowest"), F.max(F.coalesce("high", "value")).alias("highest"),
              F.min("as_of").alias("first_as_of"), F.max("as_of").alias("last_as_of")))
    g.write.mode("overwrite").parquet(out)
    return int(figures.sparkSession.read.parquet(out).count())
