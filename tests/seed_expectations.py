"""What the issues say storyline must get right on ../shared/seeds, shared by the tests that check it."""

from __future__ import annotations

from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"

# Boilerplate the seeds carry (photo credits, "RELATED" links, a donation appeal, menus): never in
# an article's clean text.
SEED_BOILERPLATE = (
    "License Photo",
    "RELATED",
    "Latest Headlines",
    "Follow Us",
    "Support The Moscow Times",
    "small favor to ask",
    "paiment methods",
    "Remind me later",
    "Read more",
)
