# Reading, checking and cutting up each article: sections, paragraphs, sentences, tokens.


rule prepare:
    input:
        article=article_file,
    output:
        sections=table("sections"),
        paragraphs=table("paragraphs"),
        sentences=table("sentences"),
        tokens=table("tokens"),
        section_stats=table("section_stats"),
    log:
        job_log("prepare"),
    benchmark:
        job_benchmark("prepare")
    threads: 1
    resources:
        mem_mb=1000,
        runtime=10,
    params:
        detect_headings=config["sections"]["detect_headings"],
        max_bytes=config["articles"]["max_bytes"],
    run:
        prepare_stage.run(**input, **output, **params, log=log[0])
