"""When to colour: ``--color always|never|auto``, then ``FORCE_COLOR``, then ``NO_COLOR``, then
whether the output is a terminal (https://force-color.org, https://no-color.org)."""

from __future__ import annotations

from collections.abc import Mapping

CHOICES = ("auto", "always", "never")


def use_color(choice: str | None, is_tty: bool, env: Mapping[str, str]) -> bool:
    if choice == "always":
        return True
    if choice == "never":
        return False
    force = env.get("FORCE_COLOR")
    if force is not None and force not in ("0", "false"):
        return True  # FORCE_COLOR="" counts as set, as in Node and pytest
    if env.get("NO_COLOR", "") != "":
        return False
    return is_tty and env.get("TERM") != "dumb"
