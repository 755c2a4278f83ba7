"""Medians and percentiles for timing samples."""

from __future__ import annotations

import statistics


def median(samples: list[float]) -> float:
    return statistics.median(samples) if samples else float("nan")


def p95(samples: list[float]) -> float:
    """The 95th percentile (inclusive method, so small samples stay within their range)."""
    if not samples:
        return float("nan")
    if len(samples) == 1:
        return samples[0]
    return statistics.quantiles(samples, n=20, method="inclusive")[-1]
