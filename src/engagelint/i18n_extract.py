"""Babel extractors for the words of the rules themselves (``babel.cfg`` names them), so that ``make messages``
puts every rule's summary, rationale and option descriptions in the catalog next to the rest.

- ``rule_module``: a built-in rule module; what Babel's Python extractor finds (``_``, ``N_``...), plus the
  literal ``summary=`` and ``rationale=`` of each ``RuleInfo(...)`` and the description of each ``Option(...)``.
  The module is parsed, never imported.
- ``rule_pack``: a YAML rule pack; its ``summary`` and ``rationale`` as the loader reads them (stripped).

Texts built at run time (an f-string) are not found here: list them with ``N_`` (engagelint/rule_texts.py);
tests/test_rule_texts_fr.py fails for any rule whose texts have no French.
"""

from __future__ import annotations

import ast
import io
from collections.abc import Iterator

import yaml
from babel.messages.extract import extract_python

Extracted = tuple[int, str | None, str, list[str]]


def _literal(node: ast.AST | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _callee(node: ast.Call) -> str:
    func = node.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def rule_module(fileobj, keywords, comment_tags, options) -> Iterator[Extracted]:
    source = fileobj.read()
    yield from extract_python(io.BytesIO(source), keywords, comment_tags, options)
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        wanted: list[ast.AST | None] = []
        if _callee(node) == "RuleInfo":
            wanted = [k.value for k in node.keywords if k.arg in ("summary", "rationale")]
        elif _callee(node) == "Option":
            wanted = [k.value for k in node.keywords if k.arg == "description"]
            wanted += node.args[1:2]
        for value in wanted:
            text = _literal(value)
            if text:
                yield node.lineno, None, text, []


def rule_pack(fileobj, keywords, comment_tags, options) -> Iterator[Extracted]:
    try:
        spec = yaml.safe_load(fileobj.read().decode("utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError):
        return
    if not isinstance(spec, dict):
        return
    for key in ("summary", "rationale"):
        if isinstance(spec.get(key), str) and spec[key].strip():
            yield 1, None, spec[key].strip(), []
