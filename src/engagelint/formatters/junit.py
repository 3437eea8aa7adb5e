"""``--format junit``: JUnit XML, one test case per linted file (passing files too).

CI systems (GitLab, Jenkins, Azure) show each failing draft as a failed test with its findings.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict

from engagelint.formatters.base import Formatter, Summary
from engagelint.formatters.escape import escape_text
from engagelint.models import Violation


def _finding_line(v: Violation) -> str:
    return f"{v.path}:{v.line}:{v.column}: {v.code} [{v.severity}] {v.message} ({v.name})"


class JunitFormatter(Formatter):
    name = "junit"

    def finish(self, summary: Summary) -> str:
        by_path: dict[str, list[Violation]] = defaultdict(list)
        for v in self.violations:
            by_path[v.path].append(v)
        # Escaped like the violations' paths: XML 1.0 forbids most control characters.
        paths = list(dict.fromkeys(map(escape_text, [*self.options.paths, *by_path])))

        suite = ET.Element("testsuite", name="engagelint")
        failures = 0
        for path in paths:
            case = ET.SubElement(suite, "testcase", classname="engagelint", name=path, file=path)
            found = by_path.get(path)
            if found:
                failures += 1
                n = len(found)
                failure = ET.SubElement(
                    case, "failure", type="engagelint", message=f"{n} problem{'s' if n != 1 else ''}"
                )
                failure.text = "\n".join(_finding_line(v) for v in found)
        errors = 0
        for err in map(escape_text, summary.errors):
            errors += 1
            case = ET.SubElement(suite, "testcase", classname="engagelint", name="engagelint")
            ET.SubElement(case, "error", type="usage", message=err).text = err
        counts = {"tests": str(len(paths) + errors), "failures": str(failures), "errors": str(errors)}
        suite.attrib.update(counts)
        root = ET.Element("testsuites", name="engagelint", **counts)
        root.append(suite)
        ET.indent(root)
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
