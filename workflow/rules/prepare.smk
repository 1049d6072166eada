# Reading, checking and cutting up each article: sections, paragraphs, sentences, tokens.


rule prepare:
    input:
        staged=staged_shard,
    output:
        articles=shard_table("articles"),
        sections=shard_table("sections"),
        paragraphs=shard_table("paragraphs"),
        sentences=shard_table("sentences"),
        tokens=shard_table("tokens"),
        section_stats=shard_table("section_stats"),
    log:
        shard_log("prepare"),
    benchmark:
        shard_benchmark("prepare")
    priority: PRIORITY_TOPIC_MODEL
    threads: 1
    resources:
        mem_mb=2000,
        runtime=30,
    params:
        detect_headings=config["sections"]["detect_headings"],
        line_breaks=config["paragraphs"]["line_breaks"],
        drop_boilerplate=config["sentences"]["drop_boilerplate"],
        english_only=config["articles"]["english_only"],
    run:
        report_shard_job(
            "prepare",
            wildcards.shard,
            lambda: prepare_stage.run_shard(
                staged=input.staged, outputs=named(output), **params, log=log[0]
            ),
        )


rule export_prepare:
    input:
        sections=article_shard("sections"),
        paragraphs=article_shard("paragraphs"),
        sentences=article_shard("sentences"),
        tokens=article_shard("tokens"),
        section_stats=article_shard("section_stats"),
    output:
        sections=table("sections"),
        paragraphs=table("paragraphs"),
        sentences=table("sentences"),
        tokens=table("tokens"),
        section_stats=table("section_stats"),
    log:
        job_log("export_prepare"),
    benchmark:
        job_benchmark("export_prepare")
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
