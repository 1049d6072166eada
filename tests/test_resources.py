import threading

from analysis.resources import load_all, load_once


def test_load_once_runs_the_loader_once_across_threads():
    calls = []

    @load_once
    def lexicon() -> dict[str, float]:
        calls.append(1)
        return {"good": 1.9}

    results = []
    threads = [threading.Thread(target=lambda: results.append(lexicon())) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert calls == [1]
    assert all(result is results[0] for result in results)


def test_load_all_loads_every_registered_resource_once():
    calls = []

    @load_once
    def table() -> list[str]:
        calls.append("table")
        return ["a"]

    load_all()
    load_all()
    assert calls == ["table"]
    assert table() == ["a"] and calls == ["table"]
