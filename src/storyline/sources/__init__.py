"""Sources: files, folders, JSON/JSONL, standard input, URLs, RSS/Atom feeds and WARC → RawDocuments.

Every bad input becomes a :class:`~storyline.models.Rejection` with a reason code:
``empty``, ``binary``, ``undecodable``, ``too-large``, ``malformed``, ``unreadable``, ``fetch-failed``.
"""

from storyline.sources.reader import apply_policy, check_inputs, read_sources

__all__ = ["apply_policy", "check_inputs", "read_sources"]
