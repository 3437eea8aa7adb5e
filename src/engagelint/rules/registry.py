"""The rule registry: built-in Python rules + YAML packs + installed plugins, as an instance.

Nothing registers itself on import (proselint's singleton mistake): ``Registry.build`` collects
rules explicitly and fails loudly on a duplicate code or name (flake8 silently drops one).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

from engagelint.models import CATEGORIES, Severity
from engagelint.project_paths import OutsidePath, config_path, display, refusal
from engagelint.rules.base import Rule, RuleInfo
from engagelint.rules.kinds.yaml_rule import YamlRuleError, load_yaml_rule


class RegistryError(Exception):
    pass


DEFAULT_PACKS = ("core",)
MAX_PACK_FILES = 1000


def packs_dir() -> Path:
    """Where the shipped YAML packs live: inside the wheel, or ``rules/`` in a source checkout."""
    try:
        shipped = resources.files("engagelint") / "packs"
        if shipped.is_dir():
            return Path(str(shipped))
    except (ModuleNotFoundError, TypeError):  # pragma: no cover
        pass
    return Path(__file__).resolve().parents[3] / "rules"


def builtin_rule_classes() -> list[type[Rule]]:
    import engagelint.rules.builtin as pkg

    classes: list[type[Rule]] = []
    for mod in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda m: m.name):
        if mod.name.startswith("_"):
            continue
        module = importlib.import_module(f"{pkg.__name__}.{mod.name}")
        classes.extend(getattr(module, "RULES", ()))
    return classes


def pack_rules(folder: Path, origin: str, contain: Path | None = None) -> list[Rule]:
    """The rules of a pack folder; with ``contain``, a rule file whose real path leaves that
    folder (a symlink) or enters .git is refused."""
    if not folder.is_dir():
        raise RegistryError(f"{display(folder)}: rule pack folder not found")
    rules: list[Rule] = []
    files = sorted(folder.glob("*.yml")) + sorted(folder.glob("*.yaml"))
    if len(files) > MAX_PACK_FILES:
        raise RegistryError(f"{display(folder)}: more than {MAX_PACK_FILES} rule files in one pack")
    for path in files:
        why = refusal(path, contain) if contain is not None else None
        if why is not None:
            raise RegistryError(f"{display(path)}: {why}; rule file not read")
        try:
            rules.append(load_yaml_rule(path, origin))
        except YamlRuleError as exc:
            raise RegistryError(str(exc)) from None
    return rules


def plugin_rules() -> list[Rule]:
    rules: list[Rule] = []
    for ep in sorted(entry_points(group="engagelint.rules"), key=lambda e: e.name):
        try:
            provided = ep.load()
            provided = provided() if callable(provided) and not isinstance(provided, type) else provided
        except Exception as exc:
            raise RegistryError(f"plugin {ep.name!r} ({ep.value}) failed to load: {exc}") from None
        for cls in provided if isinstance(provided, (list, tuple)) else [provided]:
            rule = cls() if isinstance(cls, type) else cls
            object.__setattr__(rule, "info", _with_origin(rule.info, f"plugin:{ep.name}"))
            rules.append(rule)
    return rules


def _with_origin(info: RuleInfo, origin: str) -> RuleInfo:
    from dataclasses import replace

    return replace(info, origin=origin)


@dataclass(frozen=True)
class ActiveRule:
    rule: Rule
    severity: Severity
    options: Mapping[str, Any]


class Registry:
    def __init__(self, rules: Iterable[Rule]) -> None:
        self.rules: dict[str, Rule] = {}
        self._names: dict[str, str] = {}
        for rule in rules:
            info = rule.info
            if info.code in self.rules:
                other = self.rules[info.code].info
                raise RegistryError(
                    f"duplicate rule code {info.code}: {info.name} ({info.origin}) and {other.name} ({other.origin})"
                )
            for key in (info.name, *info.aliases):
                if key in self._names or key in self.rules:
                    raise RegistryError(f"duplicate rule name or alias {key!r} ({info.code})")
                self._names[key] = info.code
            self.rules[info.code] = rule
        self._share_prefilter()

    def _share_prefilter(self) -> None:
        """One multi-pattern scan per post for the word lists of every YAML rule (see kinds.prefilter)."""
        from engagelint.rules.kinds.prefilter import Prefilter
        from engagelint.rules.kinds.yaml_rule import YamlRule

        shared = Prefilter()
        for code in sorted(self.rules):
            rule = self.rules[code]
            if isinstance(rule, YamlRule) and rule.kind in ("existence", "substitution", "occurrence"):
                rule.prefilter = (shared, shared.add(rule.literal_words))

    @classmethod
    def build(
        cls,
        extend: Iterable[str] = (),
        root: Path | None = None,
        plugins: bool = True,
        allow_outside: bool = False,
    ) -> Registry:
        """``extend`` names shipped packs or folders; with a ``root`` (the project folder of a
        config) a folder must lie inside it unless ``allow_outside``."""
        rules: list[Rule] = [c() for c in builtin_rule_classes()]
        base = packs_dir()
        for pack in dict.fromkeys((*DEFAULT_PACKS, *extend)):
            shipped = base / pack
            if "/" not in pack and "\\" not in pack and not pack.startswith(".") and shipped.is_dir():
                rules.extend(pack_rules(shipped, f"pack:{pack}"))
                continue
            if root is None:
                folder, contain = Path(pack), None
            else:
                try:
                    folder = config_path("extend", pack, root, allow_outside)
                except OutsidePath as exc:
                    raise RegistryError(str(exc)) from None
                contain = None if allow_outside else root
            if not folder.is_dir() and "/" not in pack:
                from engagelint.config.presets import preset_names

                raise RegistryError(
                    f"extend: {pack!r} is neither a preset ({', '.join(preset_names())}) nor a rule pack folder"
                )
            rules.extend(pack_rules(folder, f"user:{pack}", contain))
        if plugins:
            rules.extend(plugin_rules())
        return cls(rules)

    def __iter__(self):
        return iter(sorted(self.rules.values(), key=lambda r: r.info.code))

    def __len__(self) -> int:
        return len(self.rules)

    def get(self, key: str) -> Rule | None:
        code = self.resolve(key)
        return self.rules.get(code) if code else None

    def resolve(self, key: str) -> str | None:
        """A rule code for a code, name or alias (None when unknown)."""
        key = key.strip()
        if key.upper() in self.rules:
            return key.upper()
        return self._names.get(key) or self._names.get(key.lower())

    def expand(self, selector: str) -> set[str]:
        """Codes matched by a code, name, alias, category or code prefix (``EL1``, ``ALL``)."""
        sel = selector.strip()
        code = self.resolve(sel)
        if code:
            return {code}
        if sel.upper() == "ALL":
            return set(self.rules)
        if sel.lower() in CATEGORIES:
            return {c for c, r in self.rules.items() if r.info.category == sel.lower()}
        prefix = {c for c in self.rules if c.startswith(sel.upper())}
        if prefix and sel[:1].isalpha():
            return prefix
        raise KeyError(sel)


@lru_cache(maxsize=8)
def cached_registry(
    extend: tuple[str, ...] = (), root: str | None = None, allow_outside: bool = False
) -> Registry:
    return Registry.build(extend, Path(root) if root else None, allow_outside=allow_outside)


def registry_for(config) -> Registry:
    """The (cached) registry a configuration selects from."""
    return cached_registry(tuple(config.extend), str(config.root), config.allow_outside_root)
