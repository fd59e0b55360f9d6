"""Time per rule on pathological (but possible) articles, at growing sizes: the checks must stay bounded.

Each case is one article of N repeated items, an Indonesian source and one version (en and zh): a
chronology of dates, a table of small counts, a reference list of links, hashtags, names, sentences,
paragraphs, long paragraphs of a small vocabulary, a long name, link or number, a run of 万, tickers,
quotes, glossary terms, a shared term, percentages. The time of each size should about double with N; a
rule that quadruples is comparing every pair. Rules taking under 0.3 s are not listed.

Usage: python bench/bench_pathological.py [CASE ...] [--sizes 500,1000,2000,5000]
"""
from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable

from mtcheck.config import Config
from mtcheck.engine import enabled_rules
from mtcheck.model import Article, Text
from mtcheck.rules.base import ArticleContext, VersionContext
from mtcheck.store import diskcache

Case = Callable[[int], tuple[str, str]]


def _names(rng: random.Random, n: int) -> str:
    first = ["Budi", "Sri", "Joko", "Ani", "Rudi"]
    return " ".join(f"{rng.choice(first)} {''.join(rng.choices('abcdefgh', k=6)).title()} hadir." for _ in range(n))


def _words(rng: random.Random, n: int) -> list[str]:
    return ["".join(rng.choices("abcdefgh", k=6)).title() for _ in range(n)]


def _slug(rng: random.Random) -> str:
    return "".join(rng.choices("bcdfghjklmnpqrstvwxz", k=10))


_VOCABULARY = {
    "id": ["harga", "beras", "naik", "di", "pasar", "pemerintah", "akan", "menyiapkan", "dana", "untuk", "petani",
           "yang", "terdampak", "banjir"],
    "en": ["rice", "prices", "rose", "at", "the", "market", "government", "will", "prepare", "funds", "for",
           "farmers", "affected", "by", "floods"],
}


def cases(rng: random.Random) -> dict[str, Case]:
    return {
        "dates (all wrong)": lambda n: (
            " ".join(f"Senin ({i % 28 + 1}/3/2023) rapat {i * 1000}." for i in range(n)),
            " ".join(f"Monday ({(i + 3) % 28 + 1}/4/2023) meeting {i * 1000 + 1}." for i in range(n))),
        # One date recurring through a log: every mention made a set of all the others as its candidates
        # (15,000: 21 s); candidates are now found once per distinct date (rules/dates.py, matching.Pool).
        "dates (one recurring)": lambda n: (" ".join("Rapat 16/3/2023." for _ in range(n)),
                                            " ".join("Meeting 16/3/2023." for _ in range(n))),
        "dates (same)": lambda n: (
            " ".join(f"Senin ({i % 28 + 1}/3/2023) rapat." for i in range(n)),
            " ".join(f"Monday ({i % 28 + 1}/3/2023) meeting." for i in range(n))),
        "counts": lambda n: (" ".join(f"{120 * (i % 5 + 1)} suara" for i in range(n)),
                             " ".join(f"{120 * (i % 5 + 1)} votes" for i in range(n))),
        "links (all changed)": lambda n: (
            " ".join(f"https://{s}.id/berita" for s in (_slug(rng) for _ in range(n))),
            " ".join(f"https://{s}.id/news" for s in (_slug(rng) for _ in range(n)))),
        "hashtags": lambda n: (" ".join(f"#Tag{i} @akun{i}" for i in range(n)),
                               " ".join(f"#Label{i} @user{i}" for i in range(n))),
        "names": lambda n: (_names(rng, n), _names(rng, n)),
        # A two-word name written n times with one word translated: the near-miss search looked each candidate
        # word up in the list of every occurrence of the other word (quadratic).
        # N names sharing a first name, each surname changed: every name looked up, and walked, every occurrence
        # of "Muhammad" (16,000: 20 s); parts are looked up once, and the near-miss search looks beside the 64
        # nearest occurrences.
        "names sharing a first name": lambda n: (" ".join(f"Muhammad {w} hadir." for w in _words(rng, n)),
                                                 " ".join(f"Muhammad {w} attended." for w in _words(rng, n))),
        "a name, partly translated, repeated": lambda n: (" ".join("Data Harga Jakarta naik lagi." for _ in range(n)),
                                                          " ".join("Jakarta prices rose again." for _ in range(n))),
        "sentences": lambda n: (" ".join(f"Kalimat nomor {i} di sini." for i in range(n)),
                                " ".join(f"Sentence number {i} here." for i in range(n))),
        "paragraphs": lambda n: ("\n\n".join(f"Paragraf {i} tentang harga beras." for i in range(n)),
                                 "\n\n".join(f"Paragraph {i} about rice prices." for i in range(n))),
        # Long paragraphs of one small vocabulary: any two share most characters, so only the longest common
        # subsequence tells them apart (n // 25 paragraphs of 300 words: 60 took 112 s in STR003 before).
        "long paragraphs": lambda n: (
            "\n\n".join(" ".join(rng.choices(_VOCABULARY["id"], k=300)) for _ in range(n // 25)),
            "\n\n".join(" ".join(rng.choices(_VOCABULARY["en"], k=300)) for _ in range(n // 25))),
        # One word or link of 4N characters, misspelt or changed: difflib compared such pairs (19 s, 5.7 s at
        # 20,000 characters); pairs over 1,000 characters together are now measured in C (text.ratio).
        "a long name": lambda n: (f"Presiden Joko{'abcdefghij' * (n // 2)} hadir.",
                                  f"President Joko{'abcdefghij' * (n // 2 - 1)}abcdefghix attended."),
        "a long link": lambda n: (f"Baca https://contoh.id/{'abcdefghi/' * (n // 2)} sekarang.",
                                  f"Read https://contoh.id/{'abcdefghi/' * (n // 4)}X{'abcdefghi/' * (n // 4)} now."),
        # One number of 6N digits: the time/date/phone patterns scanned it to its end from each of its digits
        # (30,000 digits: 78 s); they now start inside a run only near its end (numbers._RUN_GUARD).
        "a long number": lambda n: (f"Dana Rp{'9' * (6 * n)} triliun dicairkan.",
                                    f"Funds of Rp{'9' * (6 * n)} trillion were released."),
        # A run of 6N 万 (no digit in it, so no numeral): the kanji numeral pattern scanned it to its end from each
        # character (16,000: 1.2 s in STR001); it now starts only where a run starts.
        "a run of 万": lambda n: ("Dana itu dicairkan kemarin.", f"这笔资金{'万' * (6 * n)}昨天发放。"),
        # N stock tickers in a row ("BBCA BBRI ..."): each all-capital word scanned its whole run to decide if it
        # was shouted (16,000: 84 s in NAME001); the runs are now found in one pass (entities._loud_runs).
        "tickers": lambda n: ("Saham: " + " ".join(("BBCA", "BBRI", "BMRI", "TLKM")[i % 4] for i in range(n)) + ".",
                              "Shares: " + " ".join(("BBCA", "BBRI", "BMRI", "TLKM")[i % 4] for i in range(n)) + "."),
        "quotes": lambda n: (" ".join(f'"Kata {i}" ujarnya.' for i in range(n)),
                             " ".join(f'"Word {i} said.' for i in range(n))),
        "terms": lambda n: (" ".join("Dewan Perwakilan Rakyat dan Bank Indonesia." for _ in range(n)),
                            " ".join("The parliament and the central bank." for _ in range(n))),
        # A term two glossary entries share (美: Amerika Serikat and Washington), written N times where another
        # term is missing: the likely wrong rendering compared each occurrence with each (TERM001, quadratic).
        "a shared term": lambda n: ("Amerika Serikat dan Tiongkok bertemu.", "美国的美。" * n),
        "percent": lambda n: (" ".join(f"naik {i % 97},{i % 9} persen" for i in range(n)),
                              " ".join(f"rose {i % 97}.{i % 9} percent" for i in range(n))),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("cases", nargs="*")
    parser.add_argument("--sizes", default="500,1000,2000,5000")
    args = parser.parse_args()
    diskcache.use(None)
    config = Config(encoder="none")
    rules = enabled_rules(config)
    table = cases(random.Random(1))
    print("| case | N | version | seconds | rules over 0.3 s |\n|---|---|---|---|---|")
    for name in args.cases or table:
        for n in (int(s) for s in args.sizes.split(",")):
            source, target = table[name](n)
            for lang in ("en", "zh"):
                article = Article(name, Text("id", source), {lang: Text(lang, target)})
                ctx = VersionContext(ArticleContext(article, config), article.targets[lang])
                total, slow = 0.0, []
                for rule in rules:
                    started = time.perf_counter()
                    list(rule.check(ctx))
                    spent = time.perf_counter() - started
                    total += spent
                    if spent > 0.3:
                        slow.append(f"{rule.code} {spent:.1f}")
                print(f"| {name} | {n:,} | {lang} | {total:.2f} | {', '.join(slow)} |", flush=True)


if __name__ == "__main__":
    main()
