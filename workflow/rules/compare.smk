# Comparisons across the corpus: over time and between groups of articles (outlets, say).
# One job per comparison family, each starting as soon as the tables it reads exist.


rule compare_coverage:
    input:
        articles=all_shards("articles"),
    output:
        **compare_outputs("coverage"),
    log:
        "logs/corpus/compare_coverage.log",
    benchmark:
        "benchmarks/corpus/compare_coverage.tsv"
    threads: 1
    resources:
        mem_mb=1000,
        runtime=10,
    params:
        tables_dir=tables_dir,
        grouping=COMPARE_GROUPING,
    run:
        compare_stage.run(
            family="coverage", outputs=named(output), **params, log=log[0]
        )


rule compare_sentiment:
    input:
        articles=all_shards("articles"),
        sentiment_sections=all_shards("sentiment_sections"),
        sentiment_sentences=all_shards("sentiment_sentences"),
    output:
        **compare_outputs("sentiment"),
    log:
        "logs/corpus/compare_sentiment.log",
    benchmark:
        "benchmarks/corpus/compare_sentiment.tsv"
    priority: PRIORITY_LONG_STEPS
    threads: 1
    resources:
        mem_mb=2000,
        runtime=30,
    params:
        tables_dir=tables_dir,
        grouping=COMPARE_GROUPING,
        interval=COMPARE_INTERVAL,
        neutral_threshold=config["sentiment"]["neutral_threshold"],
    run:
        compare_stage.run(
            family="sentiment", outputs=named(output), **params, log=log[0]
        )


rule compare_actors:
    input:
        articles=all_shards("articles"),
        sentiment_mentions=all_shards("sentiment_mentions"),
        actor_aliases=all_shards("actor_aliases"),
    output:
        **compare_outputs("actors"),
    log:
        "logs/corpus/compare_actors.log",
    benchmark:
        "benchmarks/corpus/compare_actors.tsv"
    priority: PRIORITY_LONG_STEPS
    threads: 1
    resources:
        mem_mb=3000,
        runtime=30,
    params:
        tables_dir=tables_dir,
        grouping=COMPARE_GROUPING,
        interval=COMPARE_INTERVAL,
        top_actors=config["compare"]["top_actors"],
        min_actor_articles=config["compare"]["min_actor_articles"],
        actor_merge_dominance=config["compare"]["actor_merge_dominance"],
    run:
        compare_stage.run(family="actors", outputs=named(output), **params, log=log[0])


rule compare_topics:
    input:
        articles=all_shards("articles"),
        tokens=all_shards("tokens"),
        document_topics=corpus_table("document_topics"),
        topic_terms=corpus_table("topic_terms"),
    output:
        **compare_outputs("topics"),
    log:
        "logs/corpus/compare_topics.log",
    benchmark:
        "benchmarks/corpus/compare_topics.tsv"
    threads: 1
    resources:
        mem_mb=2000,
        runtime=30,
    params:
        tables_dir=tables_dir,
        grouping=COMPARE_GROUPING,
        topic_terms_per_period=config["compare"]["topic_terms_per_period"],
        interval=COMPARE_INTERVAL,
    run:
        compare_stage.run(
            family="topics",
            document_topics=input.document_topics,
            topic_terms=input.topic_terms,
            outputs=named(output),
            **params,
            log=log[0],
        )


rule compare_keyness:
    input:
        articles=all_shards("articles"),
        tokens=all_shards("tokens"),
    output:
        **compare_outputs("keyness"),
    log:
        "logs/corpus/compare_keyness.log",
    benchmark:
        "benchmarks/corpus/compare_keyness.tsv"
    threads: 1
    resources:
        mem_mb=2000,
        runtime=30,
    params:
        tables_dir=tables_dir,
        grouping=COMPARE_GROUPING,
        keyness_top_n=config["compare"]["keyness_top_n"],
        keyness_min_count=config["compare"]["keyness_min_count"],
        keyness_by_period=config["compare"]["keyness_by_period"],
    run:
        compare_stage.run(family="keyness", outputs=named(output), **params, log=log[0])
