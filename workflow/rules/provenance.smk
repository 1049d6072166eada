# Provenance of a run: what went in (checksums, config, software) and what came out.


rule provenance:
    input:
        staged=CORPUS.shard_files.values(),
    output:
        provenance=f"{RESULTS}/provenance.json",
    log:
        "logs/provenance.log",
    benchmark:
        "benchmarks/provenance.tsv"
    priority: PRIORITY_LAST
    threads: 1
    resources:
        mem_mb=500,
        runtime=10,
    params:
        config=config,
        commit=SOURCE_COMMIT,
        notes={
            "skipped": CORPUS.errors,
            "input_warnings": CORPUS.warnings,
            "articles": len(ARTICLES),
            "shards": CORPUS.n_shards,
        },
    run:
        provenance_stage.run_provenance(
            inputs=CORPUS.inputs,
            config=params.config,
            notes=params.notes,
            repository=SOURCE_DIR,
            **output,
            log=log[0],
        )


rule manifest:
    input:
        files=analysis_outputs(),
        # A plain path: a rule reference here makes DAG building quadratic in the inputs.
        provenance=f"{RESULTS}/provenance.json",
    output:
        manifest=f"{RESULTS}/manifest.tsv",
    log:
        "logs/manifest.log",
    benchmark:
        "benchmarks/manifest.tsv"
    threads: 1
    resources:
        mem_mb=500,
        runtime=10,
    run:
        provenance_stage.run_manifest(files=input, **output, log=log[0])
