"""Problems with the draft files themselves. The engine reports these while reading sources;
the classes carry the documentation, options and examples like every other rule."""

from __future__ import annotations

from engagelint.models import Severity
from engagelint.rules.base import Example, Rule, RuleInfo


class UnreadableFile(Rule):
    info = RuleInfo(
        code="EL000",
        name="unreadable-file",
        category="syntax",
        severity=Severity.ERROR,
        summary=(
            "The file is not a text draft engagelint can read (binary, or not valid UTF-8/UTF-16), or a check "
            "failed on it (internal-error: a bug to report)."
        ),
        rationale=(
            "A draft that cannot be decoded cannot be checked, and would publish as garbage. Save drafts as UTF-8; "
            "keep images and PDFs out of the drafts folder or exclude them in the config. When a rule itself "
            "fails on a draft, the finding (named internal-error) says which check is missing, so a silent gap "
            "never reads as a clean result; the other rules and files are still checked."
        ),
        aliases=("internal-error",),
        examples=(
            Example(bad="Hello\x00world", good="Hello world", lang="en"),
            Example(bad="Bonjour\x00tout le monde", good="Bonjour tout le monde", lang="fr"),
        ),
    )


class BrokenFrontMatter(Rule):
    info = RuleInfo(
        code="EL001",
        name="broken-front-matter",
        category="syntax",
        severity=Severity.ERROR,
        summary="The YAML front matter between the '---' lines cannot be read.",
        rationale=(
            "Front matter carries the platform, schedule and goals of a draft. When it is broken, every rule that "
            "depends on them is blind, and schedulers that import the file may reject it."
        ),
        examples=(
            Example(
                bad="---\nplatform: [x, linkedin\n---\nOur spring collection is out.",
                good="---\nplatform: [x, linkedin]\n---\nOur spring collection is out.",
            ),
            Example(
                bad="---\n- x\n- linkedin\n---\nNotre collection de printemps est disponible.",
                good="---\nplatform: [x, linkedin]\n---\nNotre collection de printemps est disponible.",
                lang="fr",
            ),
        ),
    )


class InvalidMetadata(Rule):
    info = RuleInfo(
        code="EL002",
        name="invalid-metadata",
        category="syntax",
        severity=Severity.WARNING,
        summary="A metadata value (platform, schedule, language, goal, settings) is not understood.",
        rationale=(
            "An unknown platform name or an unreadable date silently switches off the platform and schedule checks "
            "for that draft. Use the names engagelint knows, or map your own in [metadata] of the config."
        ),
        examples=(
            Example(
                bad="---\nplatform: myspace\n---\nOur spring collection is out.",
                good="---\nplatform: twitter\n---\nOur spring collection is out.",
            ),
            Example(
                bad="---\npublish_at: mardi prochain\n---\nNotre collection de printemps est disponible.",
                good="---\npublish_at: 2025-03-04T09:30\n---\nNotre collection de printemps est disponible.",
                lang="fr",
            ),
        ),
    )


class MalformedCsv(Rule):
    info = RuleInfo(
        code="EL003",
        name="malformed-csv",
        category="syntax",
        severity=Severity.ERROR,
        summary="A scheduler CSV export has no text column, ragged rows or an unclosed quote.",
        rationale=(
            "A broken export means posts are skipped or merged together without anyone noticing. Fix the file or "
            "tell engagelint which column holds the post text ([csv] text_column)."
        ),
        examples=(
            Example(
                bad="id,when\n1,2025-03-01\n",
                good="id,text\n1,Our spring collection is out.\n",
                filename="export.csv",
            ),
            Example(
                bad='id,texte\n1,"Notre collection de printemps\n',
                good='id,texte\n1,"Notre collection de printemps est disponible."\n',
                lang="fr",
                filename="export.csv",
            ),
        ),
    )


class UnusedSuppression(Rule):
    info = RuleInfo(
        code="EL004",
        name="unused-suppression",
        category="syntax",
        severity=Severity.WARNING,
        summary="An engagelint-disable comment or front matter disable suppresses nothing (or names an unknown rule).",
        rationale=(
            "Stale suppressions hide future problems and confuse the next editor. Remove them once the text they "
            "excused is gone."
        ),
        examples=(
            Example(
                bad="<!-- engagelint-disable-next-line EL102 -->\nOur spring collection is out.",
                good="Our spring collection is out.",
            ),
            Example(
                bad="<!-- engagelint-disable-next-line EL102 -->\nNotre collection de printemps est disponible.",
                good="Notre collection de printemps est disponible.",
                lang="fr",
            ),
        ),
    )


class FileSkipped(Rule):
    info = RuleInfo(
        code="EL005",
        name="file-skipped",
        category="syntax",
        severity=Severity.WARNING,
        summary="The file is larger than max_file_size and was not linted.",
        rationale=(
            "Social drafts are small; a multi-megabyte file is almost always an export or a mistake. Skipping it "
            "keeps memory bounded; raise max_file_size in the config if the file really is drafts."
        ),
        examples=(
            Example(bad="x" * 2048, good="Our spring collection is out.", config={"max_file_size": 1024}),
            Example(
                bad="é" * 2048,
                good="Notre collection de printemps est disponible.",
                lang="fr",
                config={"max_file_size": 1024},
            ),
        ),
    )


RULES = (UnreadableFile, BrokenFrontMatter, InvalidMetadata, MalformedCsv, UnusedSuppression, FileSkipped)
