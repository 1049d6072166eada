import importlib
import subprocess
import sys
import threading
import time

import pytest

from analysis.stages.timers import fix_benchmark_samplers


def test_a_process_with_a_pending_timer_exits_when_its_main_thread_ends():
    # Without the watcher the 60 s non-daemon timer would hold the process for a minute.
    script = (
        "import threading\n"
        "from analysis.stages.timers import cancel_timers_when_main_thread_ends\n"
        "cancel_timers_when_main_thread_ends()\n"
        "cancel_timers_when_main_thread_ends()\n"
        "threading.Timer(60, print, ('fired',)).start()\n"
        "print('main done')\n"
    )
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=50
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "main done\n"
    assert time.monotonic() - started < 30


@pytest.fixture
def benchmark_module():
    """A fresh copy of Snakemake's benchmark module, unpatched, restored afterwards."""
    import snakemake.benchmark

    fresh = importlib.reload(snakemake.benchmark)
    yield fresh
    importlib.reload(snakemake.benchmark)


def _cancelled_while_sampling(module, *, interval: float) -> list[float]:
    """Cancel a sampler in the middle of a sample; return the times of later samples."""
    sampling = threading.Event()
    release = threading.Event()
    samples: list[float] = []

    class SlowSampler(module.ScheduledPeriodicTimer):
        def work(self):
            samples.append(time.monotonic())
            if len(samples) == 2:  # the first timed sample: cancel arrives meanwhile
                sampling.set()
                release.wait(5)

    module.BENCHMARK_INTERVAL_SHORT = interval
    sampler = SlowSampler(30)
    sampler.start()
    assert sampling.wait(5)
    sampler.cancel()
    cancelled_at = time.monotonic()
    release.set()
    time.sleep(interval * 6)
    sampler.cancel()  # stop a leaked sampler, so it does not outlive the test
    return [t for t in samples if t > cancelled_at]


def test_unfixed_sampler_cancelled_while_sampling_goes_on_sampling(benchmark_module):
    # The fault the fix is for, shown on Snakemake's own class (if this version has it).
    if "_lock" in benchmark_module.ScheduledPeriodicTimer.__init__.__code__.co_names:
        pytest.skip("this Snakemake version fixes the race itself")
    assert len(_cancelled_while_sampling(benchmark_module, interval=0.05)) >= 3


def test_fixed_sampler_takes_no_sample_after_cancel(benchmark_module):
    fix_benchmark_samplers(benchmark_module, first_interval=0.05)
    fix_benchmark_samplers(benchmark_module, first_interval=0.05)  # a second call: no-op
    assert _cancelled_while_sampling(benchmark_module, interval=0.05) == []


def test_fixed_samplers_keep_sampling_until_cancelled(benchmark_module):
    fix_benchmark_samplers(benchmark_module, first_interval=0.02)
    samples = []

    class Sampler(benchmark_module.ScheduledPeriodicTimer):
        def work(self):
            samples.append(time.monotonic())

    sampler = Sampler(30)
    sampler.start()
    time.sleep(0.3)
    sampler.cancel()
    count = len(samples)
    time.sleep(0.1)
    assert count >= 5 and len(samples) == count
    assert benchmark_module.BENCHMARK_INTERVAL_SHORT == 0.02


def test_a_cancel_before_the_first_timer_is_safe(benchmark_module):
    fix_benchmark_samplers(benchmark_module, first_interval=0.05)
    benchmark_module.ScheduledPeriodicTimer(30).cancel()
