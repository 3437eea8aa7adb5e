"""The import graph of the package: no cycles, and no lower layer importing the layers above it.

Imports are read from the source (top-level and inside functions alike), so a lazy import that
would close a cycle at run time is caught too.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "engagelint"

# Front ends: they may use the API. Everything else is a lower layer that must not import them.
# The archive audit (``audit``, its ``engines``) is an application on top of the API, like the CLI.
FRONT_ENDS = (
    "engagelint.cli",
    "engagelint.lsp",
    "engagelint.__main__",
    "engagelint.examples",
    "engagelint.audit",
    "engagelint.engines",
)
# The API layer: the file API, the batch API over records, and the runner they share.
UPPER = ("engagelint.cli", "engagelint.lsp", "engagelint.api", "engagelint.records", "engagelint.runner")


def _modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def _owner(name: str, modules) -> str | None:
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def import_graph() -> dict[str, set[str]]:
    modules = _modules()
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        deps: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, *([node.module] if node.module else [])])
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names]
            for target in targets:
                if target.split(".")[0] == "engagelint":
                    owner = _owner(target, modules)
                    if owner and owner != name:
                        deps.add(owner)
        graph[name] = deps
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def _within(name: str, prefixes) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def test_no_import_cycle_among_engagelint_modules():
    assert cycles(import_graph()) == []


def test_the_graph_sees_function_local_imports():
    graph = import_graph()
    assert "engagelint.reading" in graph["engagelint.runner"]  # imported inside lint_one
    assert cycles({"a": {"b"}, "b": {"a"}, "c": set()}) == [["a", "b"]]


def test_lower_layers_never_import_the_api_runner_cli_or_lsp():
    upward = sorted(
        (name, dep)
        for name, deps in import_graph().items()
        if name != "engagelint" and not _within(name, (*FRONT_ENDS, *UPPER))
        for dep in deps
        if _within(dep, UPPER) or dep == "engagelint"
    )
    assert upward == []
    # the API uses the runner, never a front end
    assert not any(_within(d, FRONT_ENDS) for d in import_graph()["engagelint.api"])


def test_config_and_the_brand_profile_never_reach_the_rules():
    """Reading a config builds a BrandProfile (engagelint.profile) without importing any rule."""
    graph = import_graph()
    for start in ("engagelint.config.schema", "engagelint.config.loader", "engagelint.profile"):
        seen, todo = set(), [start]
        while todo:
            name = todo.pop()
            if name not in seen:
                seen.add(name)
                todo.extend(graph.get(name, ()))
        assert not [m for m in seen if _within(m, ("engagelint.rules",))], start
    from engagelint.profile import BrandProfile
    from engagelint.rules.base import BrandProfile as Reexported

    assert Reexported is BrandProfile  # old imports keep working
