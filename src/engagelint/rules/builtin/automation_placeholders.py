"""EL401 unfilled template placeholders and EL402 draft markers (TODO, XXX, lorem ipsum, À COMPLÉTER).

Scheduling tools and mail-merge templates leave ``{{first_name}}`` or ``[INSERT LINK]`` behind when
a field is not filled; the post then goes out with the machinery showing. Patterns live in
``engagelint/data/automation_placeholders.yml``.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import regex

from engagelint.models import Finding, Severity
from engagelint.rules.base import Example, Option, Rule, RuleContext, RuleInfo
from engagelint.rules.builtin.automation_common import load_data


@cache
def _patterns(section: str) -> tuple[tuple[str, str, regex.Pattern], ...]:
    out = []
    for entry in load_data("automation_placeholders.yml")[section]:
        flags = regex.IGNORECASE if entry.get("ignorecase") else 0
        compiled = regex.compile(entry["pattern"], flags | regex.VERSION1)
        out.append((entry["id"], entry["what"], compiled, bool(entry.get("unless_url"))))
    return tuple(out)


def _find(
    section: str, text: str, skip_ids: Iterable[str], has_url: bool = False
) -> list[tuple[int, int, str]]:
    """Non-overlapping (start, end, what) matches, leftmost-longest first."""
    skip = set(skip_ids)
    spans: list[tuple[int, int, str]] = []
    for pid, what, pattern, unless_url in _patterns(section):
        if pid in skip or (unless_url and has_url):
            continue
        spans.extend((m.start(), m.end(), what) for m in pattern.finditer(text) if m.end() > m.start())
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    out: list[tuple[int, int, str]] = []
    last_end = -1
    for s, e, what in spans:
        if s >= last_end:
            out.append((s, e, what))
            last_end = e
    return out


class _PatternRule(Rule):
    section = ""
    message = ""

    def check(self, ctx: RuleContext) -> Iterable[Finding]:
        protected = ctx.profile.protected_words
        allowed = {str(w).lower() for w in ctx.options.get("allow", ())}
        found_spans = _find(
            self.section, ctx.text, ctx.options.get("disable_patterns", ()), bool(ctx.entities.urls)
        )
        for s, e, what in found_spans:
            found = ctx.text[s:e]
            if found.lower() in protected or found.lower() in allowed:
                continue
            yield Finding(s, e, self.message.format(what=what, found=found))


_OPTIONS = {
    "allow": Option([], "exact texts this rule must never flag (e.g. a product called '{core}')", (list,)),
    "disable_patterns": Option(
        [], "ids of built-in patterns to switch off (see automation_placeholders.yml)", (list,)
    ),
}


class TemplatePlaceholder(_PatternRule):
    section = "placeholders"
    message = "unfilled {what} '{found}': fill it in or remove it before this is published"
    info = RuleInfo(
        code="EL401",
        name="template-placeholder",
        category="automation",
        severity=Severity.ERROR,
        summary=(
            "Unfilled placeholders and production leftovers: {{first_name}}, *|FNAME|*, CLIENT_NAME, "
            "[INSERT LINK], [signup link], [Image: ...] briefs, lorem ipsum."
        ),
        rationale=(
            "A placeholder that reaches the timeline tells every reader the post came out of a template and "
            "that nobody read it before it went live. It is the most visible sign of an absent, automated "
            "presence, and it is always a mistake."
        ),
        examples=(
            Example(
                bad="Hi {{first_name}}, our spring webinar starts Tuesday. Register: [INSERT LINK]",
                good="Our spring webinar starts Tuesday at 10:00. Register at example.com/webinar",
                lang="en",
            ),
            Example(
                bad="Bonjour %PRENOM%, découvrez notre nouvelle offre ici : [INSÉRER LIEN]",
                good="Découvrez notre nouvelle offre sur example.com/offre",
                lang="fr",
            ),
            Example(
                bad="Hi *|FNAME|*, meet us in EVENT_CITY! [Image: team photo on stage]",
                good="Meet us in Lyon on 12 March! Photo: our team on stage at last year's event.",
                lang="en",
            ),
            Example(
                bad="Inscrivez-vous ici : [lien d'inscription] [Visuel : affiche du salon]",
                good="Inscrivez-vous sur example.com/salon (photo : AFP).",
                lang="fr",
            ),
        ),
        options=_OPTIONS,
    )


class DraftMarker(_PatternRule):
    section = "markers"
    message = "{what} '{found}' left in the post: finish the draft before it is published"
    info = RuleInfo(
        code="EL402",
        name="draft-marker",
        category="automation",
        severity=Severity.ERROR,
        summary="Draft markers and internal notes left in a post: TODO, TBD, XXX, (waiting for legal), [ne pas publier].",
        rationale=(
            "Editors mark unfinished parts with TODO, TBD or XXX. In a scheduled post they mean the text "
            "will go out incomplete; in a brand voice that reads as careless and unattended."
        ),
        examples=(
            Example(
                bad="Join us on March 12 in Lyon. Speakers TBD. TODO: add the registration link",
                good="Join us on March 12 in Lyon: our new TODO app gets a live demo.",
                lang="en",
            ),
            Example(
                bad="Our new plan launches Monday (waiting for legal sign-off).",
                good="Our new plan launches Monday (details on our site).",
                lang="en",
            ),
            Example(
                bad="Nouvelle offre dès lundi [ne pas publier avant validation]",
                good="Nouvelle offre dès lundi (voir conditions sur notre site).",
                lang="fr",
            ),
            Example(
                bad="Rendez-vous le XX/XX à Lyon. Programme À COMPLÉTER",
                good="Rendez-vous le 12 mars à Lyon : démo de notre nouvelle TODO liste partagée.",
                lang="fr",
            ),
        ),
        options=_OPTIONS,
    )


RULES = (TemplatePlaceholder, DraftMarker)
