# Keywords and keyphrases per section and per article, and per article across the corpus.


rule keywords:
    input:
        tokens=table("tokens"),
        sentences=table("sentences"),
        sections=table("sections"),
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
        job_log("keywords"),
    benchmark:
        job_benchmark("keywords")
    threads: 1
    resources:
        mem_mb=1000,
        runtime=10,
    params:
        top_k=config["keywords"]["top_k"],
        ngram_min=config["keywords"]["ngram_min"],
        ngram_max=config["keywords"]["ngram_max"],
        methods=config["keywords"]["methods"],
        weights=config["keywords"]["weights"],
        use_titles=config["keywords"]["use_titles"],
        specificity_exponent=config["keywords"]["specificity_exponent"],
    run:
        keywords_stage.run(**input, **output, **params, log=log[0])


rule keywords_sections_figure:
    input:
        keywords=table("keywords"),
        sections=table("sections"),
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
        keywords_stage.run_figures(**input, **output, **params, log=log[0])


rule keyness_figure:
    input:
        keyness=table("keyness"),
        sections=table("sections"),
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
        keywords_stage.run_figures(**input, **output, **params, log=log[0])


rule corpus_keywords:
    input:
        tokens=expand(table("tokens"), article=ARTICLES),
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
    threads: 1
    resources:
        mem_mb=4000,
        runtime=30,
    params:
        articles=list(ARTICLES),
        top_k=config["keywords"]["corpus_top_k"],
        ngram_min=config["keywords"]["ngram_min"],
        ngram_max=config["keywords"]["ngram_max"],
    run:
        keywords_stage.run_corpus(**input, **output, **params, log=log[0])
