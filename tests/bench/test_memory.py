"""Per-process memory and CPU sampling, on this test's own process."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from bot.bench.memory import Usage, UsageSampler, read_usage, summarize_usage


def test_usage_of_a_process_includes_its_children() -> None:
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(5)"])
    try:
        time.sleep(0.2)
        own_alone = read_usage(child.pid)
        with_child = read_usage(os.getpid())
        assert own_alone is not None and with_child is not None
        assert with_child.rss_bytes > own_alone.rss_bytes > 0
    finally:
        child.kill()
        child.wait()


def test_a_process_that_is_gone_reads_as_none() -> None:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    assert read_usage(child.pid) is None


def test_summary_gives_start_end_peak_and_cpu_used() -> None:
    mb = 1024 * 1024
    samples = [Usage(100 * mb, 1.0), Usage(150 * mb, 2.5), Usage(120 * mb, 4.0)]
    usage = summarize_usage(samples)
    assert usage is not None
    assert (usage.start_mb, usage.end_mb, usage.max_mb, usage.cpu_s) == (100, 120, 150, 3.0)
    assert usage.as_dict()["rss_growth_mb"] == 20.0
    assert summarize_usage([]) is None


def test_the_sampler_reads_in_the_background_until_stopped() -> None:
    with UsageSampler({"self": os.getpid()}, interval_s=0.05) as sampler:
        deadline = time.monotonic() + 30  # a loaded CI machine may be slow; only the count matters
        while len(sampler.samples["self"]) < 4 and time.monotonic() < deadline:
            sum(range(10_000))  # burn a little CPU
    assert len(sampler.samples["self"]) >= 4
    summary = sampler.summary()["self"]
    assert summary.max_mb > 0
    assert summary.cpu_s > 0
