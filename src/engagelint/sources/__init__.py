"""Sources: files -> posts. Reading (decode), splitting (front matter, threads, CSV rows),
prose extraction (Markdown/plain) and metadata normalisation."""

from engagelint.sources.document import ParsedSource, SourceSettings, kind_for_path, parse_source

__all__ = ["ParsedSource", "SourceSettings", "kind_for_path", "parse_source"]
