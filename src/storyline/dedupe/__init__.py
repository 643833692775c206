"""Exact, near-duplicate and syndicated copies of one article, grouped so corroboration counts origins."""

from storyline.dedupe.near import group_duplicates, group_id

__all__ = ["group_duplicates", "group_id"]
