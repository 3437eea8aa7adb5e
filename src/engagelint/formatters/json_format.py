"""The JSON contract: exactly one object ``{"version": 1, "violations": [...], "summary": {...}}``."""

from __future__ import annotations

import json

from engagelint.formatters.base import Formatter, Summary
from engagelint.formatters.escape import json_safe

JSON_VERSION = 1


class JsonFormatter(Formatter):
    name = "json"
    escapes = False  # consumers get the exact text, with unsafe characters as JSON escapes

    def finish(self, summary: Summary) -> str:
        doc = {
            "version": JSON_VERSION,
            "violations": [v.to_dict() for v in self.violations],
            "summary": summary.to_dict(),
        }
        return json_safe(json.dumps(doc, ensure_ascii=False, indent=2)) + "\n"
