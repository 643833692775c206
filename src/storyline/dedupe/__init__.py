"""Exact, near-duplicate and syndicated copies of one article, grouped so corroboration counts origins."""

from storyline.dedupe.near import (
    Signature,
    band_keys,
    group_duplicates,
    group_id,
    group_signatures,
    groups_of,
    join_copies,
    lsh_pairs,
    sign_articles,
)

__all__ = [
    "Signature", "band_keys", "group_duplicates", "group_id", "group_signatures", "groups_of", "join_copies",
    "lsh_pairs", "sign_articles",
]
