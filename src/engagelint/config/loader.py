"""Find and read the configuration: ``--config``, else the first ``engagelint.toml``,
``.engagelint.toml`` or ``pyproject.toml`` with ``[tool.engagelint]`` walking up from the linted path."""

from __future__ import annotations

import tomllib
from datetime import datetime
from pathlib import Path

from engagelint.config.schema import Config, ConfigError, build_config
from engagelint.i18n import _

CONFIG_NAMES = ("engagelint.toml", ".engagelint.toml", "pyproject.toml")


def find_config(start: Path) -> Path | None:
    start = start.resolve()
    if start.is_file() or not start.exists():
        start = start.parent
    for folder in (start, *start.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                if name == "pyproject.toml" and not _has_tool_table(candidate):
                    continue
                return candidate
    return None


def _has_tool_table(path: Path) -> bool:
    if _leaves_its_folder(path):
        return True  # reported by load_config, never read
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return "[tool.engagelint" in text


def _leaves_its_folder(path: Path) -> bool:
    """A found config that is a symlink to a file outside its folder (or into .git)."""
    from engagelint.project_paths import refusal

    return refusal(path, path.parent) is not None


def read_config_file(path: Path, now: datetime | None = None, **options) -> Config:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the configuration ({exc.strerror})") from None
    try:
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: the configuration is not valid UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(_("%(path)s: invalid TOML: %(reason)s") % {"path": path, "reason": exc}) from None
    except RecursionError:
        raise ConfigError(f"{path}: invalid TOML: arrays or tables nested too deeply") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("engagelint", {})
        if not isinstance(data, dict):
            raise ConfigError(f"{path}: [tool.engagelint] must be a table")
    return build_config(data, path, path.parent.resolve(), now=now, **options)


def _options(allow_outside_root: bool, redis_url: str | None) -> dict:
    from engagelint.duplication.settings import redis_url_from_env

    return {
        "allow_outside_root": allow_outside_root,
        "redis_url": redis_url if redis_url is not None else redis_url_from_env(),
    }


def load_config(
    config_path: str | Path | None = None,
    start: str | Path | None = None,
    now: datetime | None = None,
    *,
    allow_outside_root: bool = False,
    redis_url: str | None = None,
    isolated: bool = False,
) -> Config:
    """The explicit file if given; else the nearest one found from ``start``; else defaults.

    The project folder (``Config.root``) is the config file's folder, else the current folder.
    ``redis_url`` defaults to ``$ENGAGELINT_REDIS_URL``. ``isolated``: no configuration file at
    all, defaults only (``--isolated``)."""
    options = _options(allow_outside_root, redis_url)
    if isolated:
        return build_config({}, None, Path.cwd().resolve(), now=now, **options)
    if config_path is not None:
        path = Path(config_path)
        if not path.is_file():
            raise ConfigError(_("%(path)s: configuration file not found") % {"path": path})
        return read_config_file(path, now, **options)
    found = find_config(Path(start) if start is not None else Path.cwd())
    if found is None:
        return build_config({}, None, Path.cwd().resolve(), now=now, **options)
    if _leaves_its_folder(found):
        from engagelint.project_paths import display

        raise ConfigError(f"{display(found)}: symlink points outside the project; configuration not read")
    return read_config_file(found, now, **options)


def config_from_toml(
    text: str,
    root: Path | None = None,
    now: datetime | None = None,
    *,
    allow_outside_root: bool = False,
    redis_url: str | None = None,
) -> Config:
    """Build a Config from TOML text (library users and tests)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"configuration: invalid TOML: {exc}") from None
    except RecursionError:
        raise ConfigError("configuration: invalid TOML: arrays or tables nested too deeply") from None
    root = (root or Path.cwd()).resolve()
    return build_config(data, None, root, now=now, **_options(allow_outside_root, redis_url))
