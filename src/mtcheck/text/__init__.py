"""Language-independent text utilities: paragraphs, sentences, scripts, scanning, matching, word counts.

Lives here: the small building blocks every analysis shares, and the per-text memo cache (``text_cache``).
May import store and locales only; not even the core model (``model`` imports ``text.segment``).
"""
