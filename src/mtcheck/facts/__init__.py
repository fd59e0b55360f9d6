"""Facts read from one text: numbers and their matching, dates, names and links, language, glossary, boilerplate.

Lives here: the parsers that turn a text into values a rule can compare (``parse_quantities``, ``parse_dates``...).
May import config, model, text, store and locales; never align, rules or anything above.
"""
