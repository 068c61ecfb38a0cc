"""The workflow table: forward steps, dismissal, reopening, what focal points hear of."""

from __future__ import annotations

from bot.reports.workflow import announces, is_allowed


def test_forward_path_and_dismissal() -> None:
    assert is_allowed("new", "under_review")
    assert is_allowed("under_review", "verified")
    assert is_allowed("verified", "shared")
    assert is_allowed("under_review", "dismissed")
    assert is_allowed("dismissed", "under_review")


def test_skips_and_backward_steps_are_refused() -> None:
    assert not is_allowed("new", "verified")
    assert not is_allowed("new", "shared")
    assert not is_allowed("dismissed", "shared")
    assert not is_allowed("shared", "verified")


def test_focal_points_hear_of_verification_sharing_and_retraction_only() -> None:
    assert announces("under_review", "verified")
    assert announces("verified", "shared")
    assert announces("shared", "dismissed")
    assert not announces("new", "under_review")
    assert not announces("under_review", "dismissed")
