"""Sources: files, folders, JSON/JSONL, standard input, URLs, RSS/Atom feeds and WARC → RawDocuments.

Every bad input becomes a :class:`~storyline.models.Rejection` with a reason code:
``empty``, ``binary``, ``undecodable``, ``too-large`` (decoded size, not only compressed),
``malformed`` (JSON nested too deep included), ``unreadable``, ``reader-failed`` (any exception a
reader raised: the input fails alone, the run goes on); for URLs, from the one guarded fetcher
(``sources/fetch.py``): ``fetch-failed``, ``private-address``, ``bad-url``, ``bad-scheme``,
``unresolvable``, ``too-slow``, ``too-many-redirects``. Text is cleaned of lone surrogates at the door.
"""

from storyline.sources.reader import apply_policy, check_inputs, read_sources

__all__ = ["apply_policy", "check_inputs", "read_sources"]
