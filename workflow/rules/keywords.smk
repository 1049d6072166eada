# Keywords and keyphrases per section and per article, and per article across the corpus.


rule keywords:
    input:
        articles=shard_table("articles"),
        tokens=shard_table("tokens"),
        sentences=shard_table("sentences"),
        sections=shard_table("sections"),
    output:
        keywords=shard_table("keywords"),
        keywords_by_method=shard_table("keywords_by_method"),
        keyness=shard_table("keyness"),
        keyword_candidates=shard_table("keyword_candidates"),
    log:
        shard_log("keywords"),
    benchmark:
        shard_benchmark("keywords")
    priority: PRIORITY_LONG_STEPS
    threads: 1
    resources:
        mem_mb=2000,
        runtime=60,
    params:
        top_k=config["keywords"]["top_k"],
        ngram_min=config["keywords"]["ngram_min"],
        ngram_max=config["keywords"]["ngram_max"],
        methods=config["keywords"]["methods"],
        weights=config["keywords"]["weights"],
        use_titles=config["keywords"]["use_titles"],
        specificity_exponent=config["keywords"]["specificity_exponent"],
    run:
        run_shard_stage("keywords", wildcards, input, output, params, log)


rule export_keywords:
    input:
        keywords=article_shard("keywords"),
        keywords_by_method=article_shard("keywords_by_method"),
        keyness=article_shard("keyness"),
    output:
        keywords=report(
            table("keywords"),
            caption="../report/keywords_table.rst",
            category="Keywords",
            subcategory="{article}",
        ),
        keywords_by_method=table("keywords_by_method"),
        keyness=table("keyness"),
    log:
        job_log("export_keywords"),
    benchmark:
        job_benchmark("export_keywords")
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


rule keywords_sections_figure:
    input:
        keywords=table("keywords"),
        sections=table("sections"),
        articles=article_shard("articles"),
    output:
        keywords_sections_png=report(
            figure("keywords_sections"),
            caption="../report/keywords_sections.rst",
            category="Keywords",
            subcategory="{article}",
        ),
    log:
        job_log("keywords_sections_figure"),
    benchmark:
        job_benchmark("keywords_sections_figure")
    threads: 1
    resources:
        mem_mb=1000,
        runtime=10,
    params:
        top_n=config["keywords"]["figure_top_n"],
    run:
        keywords_stage.run_figures(
            **input, **output, **params, article=wildcards.article, log=log[0]
        )


rule keyness_figure:
    input:
        keyness=table("keyness"),
        sections=table("sections"),
        articles=article_shard("articles"),
    output:
        keyness_png=report(
            figure("keyness"),
            caption="../report/keyness.rst",
            category="Keywords",
            subcategory="{article}",
        ),
    log:
        job_log("keyness_figure"),
    benchmark:
        job_benchmark("keyness_figure")
    threads: 1
    resources:
        mem_mb=1000,
        runtime=10,
    params:
        top_n=config["keywords"]["figure_top_n"],
    run:
        keywords_stage.run_figures(
            **input, **output, **params, article=wildcards.article, log=log[0]
        )


rule corpus_keywords:
    input:
        candidates=all_shards("keyword_candidates"),
    output:
        keywords_articles=report(
            corpus_table("keywords_articles"),
            caption="../report/keywords_articles.rst",
            category="Keywords",
            subcategory="corpus",
        ),
    log:
        "logs/corpus/keywords.log",
    benchmark:
        "benchmarks/corpus/keywords.tsv"
    priority: PRIORITY_LONG_STEPS
    threads: 1
    resources:
        mem_mb=4000,
        runtime=30,
    params:
        top_k=config["keywords"]["corpus_top_k"],
        idf_exponent=config["keywords"]["corpus_idf_exponent"],
    run:
        shards_stage.run_corpus(
            stage="keywords",
            inputs={"candidates": input.candidates},
            outputs=named(output),
            params=dict(params.items()),
            log=log[0],
        )
