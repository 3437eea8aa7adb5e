"""The JSON contract: exactly one object ``{"version": 1, "violations": [...], "summary": {...}}``."""

from __future__ import annotations

import json
from collections.abc import Iterator

from engagelint.formatters.base import Formatter, Summary
from engagelint.formatters.escape import json_safe

JSON_VERSION = 1


class JsonFormatter(Formatter):
    name = "json"
    escapes = False  # consumers get the exact text, with unsafe characters as JSON escapes

    def finish(self, summary: Summary) -> str:
        return "".join(self.chunks(summary))

    def chunks(self, summary: Summary) -> Iterator[str]:
        """The document of ``json.dumps(doc, indent=2)``, one violation at a time: a run with
        hundreds of thousands of findings never holds them all as dicts and one string."""
        yield f'{{\n  "version": {JSON_VERSION},\n  "violations": ['
        for i, v in enumerate(self.violations):
            item = json.dumps(v.to_dict(), ensure_ascii=False, indent=2).replace("\n", "\n    ")
            yield json_safe(("\n    " if i == 0 else ",\n    ") + item)
        yield "\n  ]," if self.violations else "],"
        tail = json.dumps({"summary": summary.to_dict()}, ensure_ascii=False, indent=2)
        yield json_safe(tail[1:]) + "\n"  # '\n  "summary": {...}\n}'
