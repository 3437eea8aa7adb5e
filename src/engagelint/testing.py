"""Helpers for tests and rule examples: build a RuleContext from plain text, without files."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from engagelint.models import Post
from engagelint.offsets import OffsetMap
from engagelint.rules.base import BrandProfile, Rule, RuleContext


def make_post(
    text: str,
    *,
    platforms: tuple[str, ...] = (),
    lang: str | None = None,
    path: str = "draft.txt",
    **meta: Any,
) -> Post:
    return Post(
        path=path,
        index=0,
        prose=text,
        offsets=OffsetMap(list(range(len(text)))),
        meta=dict(meta),
        platforms=tuple(platforms),
        lang=lang,
    )


def make_context(
    text: str,
    rule: Rule | None = None,
    *,
    lang: str = "en",
    platforms: tuple[str, ...] = (),
    options: Mapping[str, Any] | None = None,
    profile: BrandProfile | None = None,
) -> RuleContext:
    """A context for ``rule`` (its default options overlaid with ``options``)."""
    opts: dict[str, Any] = rule.info.defaults() if rule is not None else {}
    opts.update(options or {})
    post = make_post(text, platforms=platforms, lang=lang)

    def doc_factory():
        from engagelint.nlp.pipeline import get_nlp

        return get_nlp(lang)(text)

    return RuleContext(post, opts, profile or BrandProfile(), lang, doc_factory=doc_factory)
