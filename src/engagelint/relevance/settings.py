"""The ``[relevance]`` config table, validated without importing numpy or any model (config loading stays fast)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class BackendError(ValueError):
    """A backend that cannot be loaded (unknown name, missing optional package or model)."""


def available_backends() -> tuple[str, ...]:
    return ("auto", "e5", "use", "static", "spacy")


def backend_key(settings: Mapping[str, Any]) -> tuple[str, str]:
    """The (backend, model) pair named by a ``[relevance]`` table, validated."""
    name = settings.get("backend", "auto")
    model = settings.get("model", "")
    if not isinstance(name, str) or name not in available_backends():
        raise BackendError(
            f"relevance.backend: expected one of {', '.join(available_backends())}, got {name!r}"
        )
    if not isinstance(model, str):
        raise BackendError(f"relevance.model: expected a string, got {model!r}")
    return name, model
