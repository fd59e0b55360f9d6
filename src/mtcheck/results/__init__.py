"""The results-v1 document and what is computed over it: scores, the summary, reference metrics, compare, baseline.

Lives here: ``scoring`` (a version's score and verdict), ``document`` (article dicts, the summary), ``metrics``.
May import readers, align, facts, config, model, text, store, locales and the schema; never rules or above.
"""
