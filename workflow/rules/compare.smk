# Comparisons across the corpus: over time and between groups of articles (outlets, say).


rule compare:
    input:
        articles=all_shards("articles"),
        sentiment_sections=all_shards("sentiment_sections"),
        sentiment_sentences=all_shards("sentiment_sentences"),
        sentiment_entities=all_shards("sentiment_entities"),
        actor_aliases=all_shards("actor_aliases"),
        tokens=all_shards("tokens"),
        document_topics=corpus_table("document_topics"),
        topic_terms=corpus_table("topic_terms"),
    output:
        **{name: corpus_table(name) for name in COMPARE_TABLES},
        **{stem: compare_figure(stem) for stem in COMPARE_FIGURES},
    log:
        "logs/corpus/compare.log",
    benchmark:
        "benchmarks/corpus/compare.tsv"
    threads: 1
    resources:
        mem_mb=4000,
        runtime=60,
    params:
        tables_dir=lambda wildcards, input: os.path.dirname(
            os.path.dirname(input.articles[0])
        ),
        period=config["compare"]["period"],
        group_by=config["compare"]["group_by"],
        grouping={
            "min_articles_per_period": config["compare"]["min_articles_per_period"],
            "min_periods": config["compare"]["min_periods"],
            "max_periods": config["compare"]["max_periods"],
        },
        n_bootstrap=config["sentiment"]["n_bootstrap"],
        confidence=config["sentiment"]["confidence"],
        random_state=config["sentiment"]["random_state"],
        neutral_threshold=config["sentiment"]["neutral_threshold"],
        top_actors=config["compare"]["top_actors"],
        min_actor_articles=config["compare"]["min_actor_articles"],
        actor_merge_dominance=config["compare"]["actor_merge_dominance"],
        topic_terms_per_period=config["compare"]["topic_terms_per_period"],
        keyness_top_n=config["compare"]["keyness_top_n"],
        keyness_min_count=config["compare"]["keyness_min_count"],
        keyness_by_period=config["compare"]["keyness_by_period"],
    run:
        compare_stage.run(
            document_topics=input.document_topics,
            topic_terms=input.topic_terms,
            outputs=named(output, *COMPARE_TABLES),
            figures=named(output, *COMPARE_FIGURES),
            **params,
            log=log[0],
        )
