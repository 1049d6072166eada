# Topic models within each article (paragraphs or sentences as documents) and across articles.


rule topics:
    input:
        articles=shard_table("articles"),
        tokens=shard_table("tokens"),
        sentences=shard_table("sentences"),
        paragraphs=shard_table("paragraphs"),
        sections=shard_table("sections"),
    output:
        topics_terms=shard_table("topics_terms"),
        topics_sections=shard_table("topics_sections"),
        topics_paragraphs=shard_table("topics_paragraphs"),
        topics_quality=shard_table("topics_quality"),
    log:
        shard_log("topics"),
    benchmark:
        shard_benchmark("topics")
    threads: 1
    resources:
        mem_mb=2000,
        runtime=60,
    params:
        k=config["topics"]["k"],
        method=config["topics"]["method"],
        unit=config["topics"]["unit"],
        random_state=config["topics"]["random_state"],
        n_terms=config["topics"]["n_terms"],
    run:
        run_shard_stage("topics", wildcards, input, output, params, log)


# Content-term counts of each article's sections, for the corpus topic model. A job of
# its own, run first, so the corpus model (the longest corpus step) is fitted while the
# shards' other steps still run.


rule topic_counts:
    input:
        articles=shard_table("articles"),
        tokens=shard_table("tokens"),
        sentences=shard_table("sentences"),
    output:
        topic_terms_counts=shard_table("topic_terms_counts"),
    log:
        shard_log("topic_counts"),
    benchmark:
        shard_benchmark("topic_counts")
    priority: PRIORITY_TOPIC_MODEL
    threads: 1
    resources:
        mem_mb=2000,
        runtime=30,
    run:
        report_shard_job(
            "topic_counts",
            wildcards.shard,
            lambda: shards_stage.run_shard_tables(
                stage="topics",
                function="corpus_documents",
                inputs=named(input, "tokens", "sentences"),
                outputs=named(output),
                articles=input.articles,
                log=log[0],
            ),
        )


rule export_topics:
    input:
        topics_terms=article_shard("topics_terms"),
        topics_sections=article_shard("topics_sections"),
        topics_paragraphs=article_shard("topics_paragraphs"),
        topics_quality=article_shard("topics_quality"),
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
        job_log("export_topics"),
    benchmark:
        job_benchmark("export_topics")
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


rule topics_figures:
    input:
        topics_terms=table("topics_terms"),
        topics_sections=table("topics_sections"),
        sections=table("sections"),
        articles=article_shard("articles"),
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
        topics_stage.run_figures(
            **input, **output, article=wildcards.article, log=log[0]
        )


rule corpus_topics:
    input:
        documents=all_shards("topic_terms_counts"),
    output:
        document_topics=corpus_table("document_topics"),
        section_topics=corpus_table("section_topics", "parquet"),
        topic_terms=corpus_table("topic_terms"),
        topic_quality=corpus_table("topic_quality"),
    log:
        "logs/corpus/topics.log",
    benchmark:
        "benchmarks/corpus/topics.tsv"
    priority: PRIORITY_TOPIC_MODEL
    threads: 1
    resources:
        mem_mb=4000,
        runtime=120,
    params:
        k=config["topics"]["k"],
        method=config["topics"]["method"],
        unit=config["topics"]["corpus_unit"],
        random_state=config["topics"]["random_state"],
        n_terms=config["topics"]["n_terms"],
        min_df=config["topics"]["min_df"],
        max_df=config["topics"]["max_df"],
        fit_sample=config["topics"]["fit_sample"],
        select_sample=config["topics"]["select_sample"],
    run:
        shards_stage.run_corpus(
            stage="topics",
            inputs={"documents": input.documents},
            outputs=named(output),
            params=dict(params.items()),
            log=log[0],
        )


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
