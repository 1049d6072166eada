import os
import subprocess
import sys
import threading
import time

import pandas as pd
import psutil
import pytest
from defaults import PREPARE_SHARD

from analysis.stages import lazy_stage
from analysis.stages.logs import StageError
from analysis.stages.workers import (
    call_stage,
    default_worker_count,
    finish_run,
    start_workers,
    use_worker_processes,
    worker_count,
)


@pytest.fixture
def two_workers():
    use_worker_processes(2)
    yield
    finish_run()
    use_worker_processes(0)


class PathLike(str):
    """Stands in for Snakemake's path strings, which must reach workers as plain str."""


def test_in_process_call_runs_in_this_process():
    use_worker_processes(0)
    assert call_stage("os", "getpid") == os.getpid()


def test_worker_calls_run_in_another_process_and_return_values(two_workers):
    assert call_stage("os", "getpid") != os.getpid()
    encoded = call_stage("json", "dumps", obj={"tokens": [PathLike("results/a.tsv")]})
    assert encoded == '{"tokens": ["results/a.tsv"]}'


def staged_shard(path, texts):
    frame = pd.DataFrame({"article": [f"a{i}" for i in range(len(texts))], "text": texts})
    frame["origin"] = [f"corpus.csv row {i + 1}" for i in range(len(texts))]
    frame.to_parquet(path, index=False)
    return path


PREPARE_TABLES = ["articles", "sections", "paragraphs", "sentences", "tokens", "section_stats"]


def test_stage_functions_are_called_through_the_workers(two_workers, tmp_path):
    staged = staged_shard(tmp_path / "staged.parquet", ["The two leaders met on Friday. "
                                                        "They agreed on tariffs.\n"])  # fmt: skip
    out = {name: str(tmp_path / f"{name}.parquet") for name in PREPARE_TABLES}
    count = lazy_stage("prepare").run_shard(
        staged=PathLike(staged),
        outputs=out,
        log=PathLike(tmp_path / "prepare.log"),
        **PREPARE_SHARD,
    )
    assert count == 1
    assert pd.read_parquet(out["sentences"])["text"].tolist() == [
        "The two leaders met on Friday.",
        "They agreed on tariffs.",
    ]


def test_stage_errors_come_back_as_one_line(two_workers, tmp_path):
    missing = tmp_path / "missing.parquet"
    out = {name: str(tmp_path / f"{name}.parquet") for name in PREPARE_TABLES}
    with pytest.raises(StageError, match=r"prepare: FileNotFoundError: .*missing\.parquet"):
        lazy_stage("prepare").run_shard(staged=str(missing), outputs=out, **PREPARE_SHARD)


def test_a_dead_worker_fails_its_call_and_the_next_call_gets_a_new_pool(two_workers):
    with pytest.raises(StageError, match="worker process died"):
        call_stage("os", "abort")
    assert call_stage("os", "getpid") != os.getpid()


def test_finish_run_cancels_pending_timers_and_stops_the_pool(two_workers):
    start_workers()
    fired = threading.Event()
    timer = threading.Timer(60, fired.set)
    timer.start()
    finish_run()
    timer.join(timeout=5)
    assert not timer.is_alive() and not fired.is_set()
    assert worker_count() == 2  # a later call would start a fresh pool


def test_worker_count_follows_the_core_setting():
    assert default_worker_count(3) == 3
    assert default_worker_count(None) == (os.cpu_count() or 1)
    assert default_worker_count(8, local=False) == 0  # cluster jobs run elsewhere
    with pytest.raises(ValueError, match="at least 0"):
        use_worker_processes(-1)


def test_workers_exit_when_the_process_that_owns_them_is_killed():
    owner = subprocess.Popen(
        [sys.executable, "-c", OWNER_SCRIPT], stdout=subprocess.PIPE, text=True
    )
    descendants = [int(pid) for pid in owner.stdout.readline().split()]
    assert len(descendants) >= 3  # forkserver and two workers (and a resource tracker)
    owner.kill()  # like `kill -9` on Snakemake: no clean-up code runs
    owner.wait()
    _wait_until_gone(descendants)


OWNER_SCRIPT = """
import time, psutil
from analysis.stages.workers import call_stage, use_worker_processes
use_worker_processes(2)
call_stage("os", "getpid")
print(" ".join(str(p.pid) for p in psutil.Process().children(recursive=True)), flush=True)
time.sleep(120)
"""


def _running(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def test_an_early_forkserver_is_the_one_the_workers_are_forked_from():
    owner = subprocess.run(
        [sys.executable, "-c", EARLY_SERVER_SCRIPT + WORKER_CALL], capture_output=True, text=True
    )
    assert owner.returncode == 0, owner.stderr
    server, worker_parent = (int(pid) for pid in owner.stdout.split())
    assert worker_parent == server
    _wait_until_gone([server])


def test_a_run_with_nothing_to_do_leaves_no_early_forkserver_behind():
    owner = subprocess.run(
        [sys.executable, "-c", EARLY_SERVER_SCRIPT], capture_output=True, text=True
    )
    assert owner.returncode == 0, owner.stderr
    (server,) = (int(pid) for pid in owner.stdout.split())
    _wait_until_gone([server])


EARLY_SERVER_SCRIPT = """
import time
import psutil
from analysis.stages.workers import call_stage, start_forkserver, use_worker_processes
use_worker_processes(2)
start_forkserver()

def forkservers():
    found = []
    for child in psutil.Process().children():
        try:
            if "forkserver" in " ".join(child.cmdline()):
                found.append(child)
        except psutil.Error:
            pass  # gone, or its command line not readable yet
    return found

# The forkserver's command line can read empty for a moment while it starts (seen in CI).
deadline = time.monotonic() + 10
while not forkservers() and time.monotonic() < deadline:
    time.sleep(0.05)
(server,) = forkservers()
print(server.pid, flush=True)
"""
WORKER_CALL = 'print(call_stage("os", "getppid"), flush=True)\n'


def _wait_until_gone(pids: list[int]) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(_running(pid) for pid in pids):
        time.sleep(0.1)
    assert not [pid for pid in pids if _running(pid)]


def test_an_early_forkserver_can_be_stopped_when_the_jobs_run_elsewhere():
    owner = subprocess.run(
        [sys.executable, "-c", EARLY_SERVER_SCRIPT + STOP_AND_LIST], capture_output=True, text=True
    )
    assert owner.returncode == 0, owner.stderr
    server, *left = (int(pid) for pid in owner.stdout.split())
    assert not _running(server) and server not in left


STOP_AND_LIST = """
from analysis.stages.workers import stop_forkserver
stop_forkserver()
print(*[p.pid for p in psutil.Process().children()], flush=True)
"""


def test_the_forkserver_preload_runs_no_full_collection_and_leaves_its_objects_frozen(repo):
    """The preload makes millions of lasting objects; full collections on the way would
    traverse them again and again (six of them, and 827 younger ones: 2.1 s, not 1.5 s)."""
    script = (
        "import gc, sys\n"
        "full = []\n"
        "gc.callbacks.append(\n"
        "    lambda phase, info: phase == 'start' and info['generation'] == 2 and full.append(1)\n"
        ")\n"
        "import analysis.stages.preload\n"
        "print(len(full), gc.isenabled(), gc.get_freeze_count() > 100_000,"
        " 'analysis.stages.sentiment' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=repo,
        env={**os.environ, "PYTHONPATH": str(repo)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.split() == ["0", "True", "True", "True"]
