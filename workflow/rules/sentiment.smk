# Sentiment per sentence, section, article and actor, with bootstrap intervals.


rule sentiment:
    input:
        sentences=table("sentences"),
        tokens=table("tokens"),
        sections=table("sections"),
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
        actor_aliases=table("actor_aliases"),
    log:
        job_log("sentiment"),
    benchmark:
        job_benchmark("sentiment")
    threads: 1
    resources:
        mem_mb=1000,
        runtime=10,
    params:
        n_bootstrap=config["sentiment"]["n_bootstrap"],
        confidence=config["sentiment"]["confidence"],
        random_state=config["sentiment"]["random_state"],
        neutral_threshold=config["sentiment"]["neutral_threshold"],
        top_n_actors=config["sentiment"]["top_n_actors"],
        min_actor_mentions=config["sentiment"]["min_actor_mentions"],
    run:
        sentiment_stage.run(**input, **output, **params, log=log[0])


rule sentiment_figures:
    input:
        sentiment_sentences=table("sentiment_sentences"),
        sentiment_sections=table("sentiment_sections"),
        sentiment_entities=table("sentiment_entities"),
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
        sentiment_stage.run_figures(**input, **output, **params, log=log[0])


rule corpus_sentiment:
    input:
        sentiment_sections=expand(table("sentiment_sections"), article=ARTICLES),
    output:
        sentiment_articles=report(
            corpus_table("sentiment_articles"),
            caption="../report/sentiment_articles.rst",
            category="Sentiment",
            subcategory="corpus",
        ),
    log:
        "logs/corpus/sentiment.log",
    benchmark:
        "benchmarks/corpus/sentiment.tsv"
    threads: 1
    resources:
        mem_mb=1000,
        runtime=10,
    params:
        articles=list(ARTICLES),
    run:
        sentiment_stage.run_corpus(**input, **output, **params, log=log[0])
