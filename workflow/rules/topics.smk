# Topic models within each article (paragraphs or sentences as documents) and across articles.


rule topics:
    input:
        tokens=table("tokens"),
        sentences=table("sentences"),
        paragraphs=table("paragraphs"),
        sections=table("sections"),
    output:
        topics_terms=table("topics_terms"),
        topics_sections=report(
            table("topics_sections"),
            caption="../report/topics_sections_table.rst",
            category="Topics",
            subcategory="{article}",
        ),
        topics_paragraphs=table("topics_paragraphs"),
        topics_quality=table("topics_quality"),
    log:
        job_log("topics"),
    benchmark:
        job_benchmark("topics")
    threads: 1
    resources:
        mem_mb=1000,
        runtime=10,
    params:
        k=config["topics"]["k"],
        method=config["topics"]["method"],
        unit=config["topics"]["unit"],
        random_state=config["topics"]["random_state"],
        n_terms=config["topics"]["n_terms"],
    run:
        topics_stage.run(**input, **output, **params, log=log[0])


rule topics_figures:
    input:
        topics_terms=table("topics_terms"),
        topics_sections=table("topics_sections"),
        sections=table("sections"),
    output:
        topics_sections_png=report(
            figure("topics_sections"),
            caption="../report/topics_sections.rst",
            category="Topics",
            subcategory="{article}",
        ),
        topics_terms_png=report(
            figure("topics_terms"),
            caption="../report/topics_terms.rst",
            category="Topics",
            subcategory="{article}",
        ),
    log:
        job_log("topics_figures"),
    benchmark:
        job_benchmark("topics_figures")
    threads: 1
    resources:
        mem_mb=1000,
        runtime=10,
    run:
        topics_stage.run_figures(**input, **output, log=log[0])


rule corpus_topics:
    input:
        tokens=expand(table("tokens"), article=ARTICLES),
        sentences=expand(table("sentences"), article=ARTICLES),
    output:
        document_topics=corpus_table("document_topics"),
        topic_terms=corpus_table("topic_terms"),
        topic_quality=corpus_table("topic_quality"),
    log:
        "logs/corpus/topics.log",
    benchmark:
        "benchmarks/corpus/topics.tsv"
    threads: 1
    resources:
        mem_mb=4000,
        runtime=60,
    params:
        articles=list(ARTICLES),
        k=config["topics"]["k"],
        method=config["topics"]["method"],
        unit=config["topics"]["corpus_unit"],
        random_state=config["topics"]["random_state"],
        n_terms=config["topics"]["n_terms"],
        min_df=config["topics"]["min_df"],
    run:
        topics_stage.run_corpus(**input, **output, **params, log=log[0])


rule corpus_topics_figures:
    input:
        document_topics=corpus_table("document_topics"),
        topic_terms=corpus_table("topic_terms"),
    output:
        document_topics_png=report(
            corpus_figure("document_topics"),
            caption="../report/document_topics.rst",
            category="Topics",
            subcategory="corpus",
        ),
        topic_terms_png=report(
            corpus_figure("topic_terms"),
            caption="../report/corpus_topic_terms.rst",
            category="Topics",
            subcategory="corpus",
        ),
    log:
        "logs/corpus/topics_figures.log",
    benchmark:
        "benchmarks/corpus/topics_figures.tsv"
    threads: 1
    resources:
        mem_mb=2000,
        runtime=10,
    run:
        topics_stage.run_corpus_figures(**input, **output, log=log[0])
