"""Exact, near-duplicate and syndicated copies of one article, grouped so corroboration counts origins."""

from storyline.dedupe.near import (
    Signature,
    group_duplicates,
    group_id,
    group_signatures,
    groups_of,
    join_copies,
    sign_articles,
)

__all__ = [
    "Signature", "group_duplicates", "group_id", "group_signatures", "groups_of", "join_copies",
    "sign_articles",
]
