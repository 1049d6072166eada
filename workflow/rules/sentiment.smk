# Sentiment per sentence, section, article and actor, with bootstrap intervals.


rule sentiment:
    input:
        articles=shard_table("articles"),
        sentences=shard_table("sentences"),
        tokens=shard_table("tokens"),
        sections=shard_table("sections"),
    output:
        sentiment_sentences=shard_table("sentiment_sentences"),
        sentiment_sections=shard_table("sentiment_sections"),
        sentiment_method_correlations=shard_table("sentiment_method_correlations"),
        sentiment_entities=shard_table("sentiment_entities"),
        sentiment_mentions=shard_table("sentiment_mentions"),
        actor_aliases=shard_table("actor_aliases"),
    log:
        shard_log("sentiment"),
    benchmark:
        shard_benchmark("sentiment")
    priority: PRIORITY_LONG_STEPS
    threads: 1
    resources:
        mem_mb=2000,
        runtime=60,
    params:
        n_bootstrap=config["sentiment"]["n_bootstrap"],
        confidence=config["sentiment"]["confidence"],
        random_state=config["sentiment"]["random_state"],
        neutral_threshold=config["sentiment"]["neutral_threshold"],
        top_n_actors=config["sentiment"]["top_n_actors"],
        min_actor_mentions=config["sentiment"]["min_actor_mentions"],
    run:
        run_shard_stage("sentiment", wildcards, input, output, params, log)


rule export_sentiment:
    input:
        sentiment_sentences=article_shard("sentiment_sentences"),
        sentiment_sections=article_shard("sentiment_sections"),
        sentiment_method_correlations=article_shard("sentiment_method_correlations"),
        sentiment_entities=article_shard("sentiment_entities"),
        sentiment_mentions=article_shard("sentiment_mentions"),
        actor_aliases=article_shard("actor_aliases"),
    output:
        sentiment_sentences=table("sentiment_sentences"),
        sentiment_sections=report(
            table("sentiment_sections"),
            caption="../report/sentiment_sections_table.rst",
            category="Sentiment",
            subcategory="{article}",
        ),
        sentiment_method_correlations=table("sentiment_method_correlations"),
        sentiment_entities=table("sentiment_entities"),
        sentiment_mentions=table("sentiment_mentions"),
        actor_aliases=table("actor_aliases"),
    log:
        job_log("export_sentiment"),
    benchmark:
        job_benchmark("export_sentiment")
    threads: 1
    resources:
        mem_mb=1000,
        runtime=10,
    run:
        shards_stage.export_article(
            article=wildcards.article,
            tables=named(input),
            outputs=named(output),
            log=log[0],
        )


rule sentiment_figures:
    input:
        sentiment_sentences=table("sentiment_sentences"),
        sentiment_sections=table("sentiment_sections"),
        sentiment_entities=table("sentiment_entities"),
        articles=article_shard("articles"),
    output:
        sentiment_arc_png=report(
            figure("sentiment_arc"),
            caption="../report/sentiment_arc.rst",
            category="Sentiment",
            subcategory="{article}",
        ),
        sentiment_sections_png=report(
            figure("sentiment_sections"),
            caption="../report/sentiment_sections.rst",
            category="Sentiment",
            subcategory="{article}",
        ),
        sentiment_actors_png=report(
            figure("sentiment_actors"),
            caption="../report/sentiment_actors.rst",
            category="Sentiment",
            subcategory="{article}",
        ),
    log:
        job_log("sentiment_figures"),
    benchmark:
        job_benchmark("sentiment_figures")
    threads: 1
    resources:
        mem_mb=1000,
        runtime=10,
    params:
        rolling_window=config["sentiment"]["rolling_window"],
    run:
        sentiment_stage.run_figures(
            **input, **output, **params, article=wildcards.article, log=log[0]
        )


rule corpus_sentiment:
    input:
        articles=all_shards("articles"),
        sentiment_sections=all_shards("sentiment_sections"),
    output:
        sentiment_articles=corpus_table("sentiment_articles", "parquet"),
    log:
        "logs/corpus/sentiment.log",
    benchmark:
        "benchmarks/corpus/sentiment.tsv"
    priority: PRIORITY_LONG_STEPS
    threads: 1
    resources:
        mem_mb=4000,
        runtime=30,
    run:
        sentiment_stage.run_corpus(
            sentiment_sections=input.sentiment_sections,
            sentiment_articles=output.sentiment_articles,
            log=log[0],
        )
