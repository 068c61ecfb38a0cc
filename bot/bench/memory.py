"""Resident memory and CPU time of each process under test, sampled once a second.

A process is counted with all its descendants (Rasa or a future worker pool may fork), so
the figure is what the machine actually pays for that component. CPU seconds consumed during
the run, divided by the messages sent, show where the time goes on a saturated machine.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

import psutil

MB = 1024 * 1024


@dataclass(frozen=True)
class Usage:
    """One reading of a process tree: resident memory and CPU seconds so far."""

    rss_bytes: int
    cpu_s: float


def read_usage(pid: int) -> Usage | None:
    """RSS and user+system CPU of a process and its descendants; None if it is gone."""
    try:
        root = psutil.Process(pid)
        processes = [root, *root.children(recursive=True)]
    except psutil.Error:
        return None
    rss, cpu = 0, 0.0
    for process in processes:
        try:
            rss += process.memory_info().rss
            times = process.cpu_times()
            cpu += times.user + times.system
        except psutil.Error:
            continue  # a child that just exited
    return Usage(rss, cpu)


@dataclass(frozen=True)
class ProcessUsage:
    """What one process tree used over a run."""

    start_mb: float
    end_mb: float
    max_mb: float
    cpu_s: float  # CPU seconds consumed between the first and the last sample

    def as_dict(self) -> dict[str, float]:
        """Rounded figures for the JSON report."""
        return {
            "rss_start_mb": round(self.start_mb, 1),
            "rss_end_mb": round(self.end_mb, 1),
            "rss_max_mb": round(self.max_mb, 1),
            "rss_growth_mb": round(self.end_mb - self.start_mb, 1),
            "cpu_s": round(self.cpu_s, 2),
        }


def summarize_usage(samples: list[Usage]) -> ProcessUsage | None:
    """Start, end and peak memory, and CPU used, from a series of samples."""
    if not samples:
        return None
    rss = [sample.rss_bytes / MB for sample in samples]
    return ProcessUsage(rss[0], rss[-1], max(rss), samples[-1].cpu_s - samples[0].cpu_s)


@dataclass
class UsageSampler:
    """Samples named process trees in a background thread while a run is in progress."""

    pids: dict[str, int]
    interval_s: float = 1.0
    samples: dict[str, list[Usage]] = field(default_factory=dict)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def __enter__(self) -> UsageSampler:
        self.sample()
        self._thread = threading.Thread(target=self._loop, name="usage-sampler", daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self.sample()

    def sample(self) -> None:
        """Read every process tree once."""
        for name, pid in self.pids.items():
            usage = read_usage(pid)
            if usage is not None:
                self.samples.setdefault(name, []).append(usage)

    def summary(self) -> dict[str, ProcessUsage]:
        """Per process: start, end, peak memory and CPU seconds."""
        summaries = {name: summarize_usage(series) for name, series in self.samples.items()}
        return {name: usage for name, usage in summaries.items() if usage is not None}

    def _loop(self) -> None:
        next_at = time.monotonic() + self.interval_s
        while not self._stop.wait(max(0.0, next_at - time.monotonic())):
            self.sample()
            next_at += self.interval_s
