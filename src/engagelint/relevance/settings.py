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


def resolve_model(settings: Mapping[str, Any], root: Any, allow_outside: bool = False) -> dict[str, Any]:
    """The table with ``model`` resolved against the project folder when it names a file or
    folder (a vectors file for ``static``, a pipeline folder for ``spacy``); such a path must stay
    inside the project unless ``allow_outside``. A spaCy package name is left as it is."""
    from engagelint.project_paths import OutsidePath, config_path

    out = dict(settings)
    name, model = backend_key(settings)
    looks_like_path = name == "static" or "/" in model or "\\" in model or model.startswith(".")
    if model and looks_like_path:
        try:
            out["model"] = str(config_path("relevance.model", model, root, allow_outside))
        except OutsidePath as exc:
            raise BackendError(str(exc)) from None
    return out
