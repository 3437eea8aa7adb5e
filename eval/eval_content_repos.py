"""How engagelint reads real content repos (issue 14): ../shared/data/content-repos (304 drafts, 8 repos).

    python eval/eval_content_repos.py [--data PATH]

Figures:
1. files understood to have a platform;
2. posts found against posts present. Present is counted independently of engagelint: one post per
   .tweet/.toot file; for galaxy-social, the bot's own rule (the body split at two empty lines, parts
   that are only images left out); for saboiteau (French LinkedIn drafts), a hand count per file;
3. findings on non-post text: each finding's line is judged by a hand-written oracle (front matter,
   title and heading lines, bold metadata lines, notes sections, index/ideas/README files), written
   from reading the files, not from engagelint's code. A heading inside a post body counts as non-post
   for the oracle even though it is published as written, so EL304 on such a heading shows up here.

The clock is pinned (2026-12-01T12:00) so the figures do not depend on the day. Skips when the data
is absent.
"""

from __future__ import annotations

import argparse
import collections
import os
import re
import sys
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "content-repos"
if not DEFAULT_DATA.is_dir():
    DEFAULT_DATA = Path("/work/shared/data/content-repos")

from engagelint.api import lint_paths  # noqa: E402
from engagelint.config import config_from_toml  # noqa: E402
from engagelint.sources import parse_source  # noqa: E402

NOW = datetime(2026, 12, 1, 12, 0)
# Posts present in each saboiteau file, counted by hand (versions and language versions are posts;
# the prepared replies are posts; the index, ideas, README and slide plan files hold none).
SABOITEAU = {
    "2026-01_la_rupture_du_cycle_2ans.md": 1, "2026-02_campagne_formations_ia.md": 1, "post_linkedin_sdd.md": 1,
    "top-10-owasp-api-security-2023.md": 1, "manager_ia_3_manager_jardinier.md": 1,
    "2025-12-22_veille_second_brain_infrastructure.md": 2, "2025-12-22_veille_commentaires_potentiels.md": 8,
    "2025-12-11_sfeir_institute.md": 1, "2025-12-22_lancement_repo_open_source.md": 3,
    "manager_ia_4_lacher_le_comment.md": 1, "2025-12-23_generation_visuels_ia.md": 1,
    "2025-12-11_certification_cybersecurite.md": 1, "posts_linkedin_serie_manager_ia.md": 4,
    "manager_ia_2_blended_teams.md": 2,
}  # fmt: skip
NON_POST_FILES = ("INDEX_POSTS.md", "03_Idees_Articles", "carrousels/", "en-preparation/README.md")
NOTES = re.compile(
    r"(Métadonnées|Notes|Checklist|Stratégie|Contexte|Sources|Objectifs|Spécialités|Statistiques|"
    r"Engagement attendu|Planning|Caractéristiques|Positionnement|Formation mise|Timing|Série \")",
    re.IGNORECASE,
)
META_KEYS = ("date", "statut", "série", "serie", "thème", "theme", "timing", "objectif", "impressions",
             "longueur", "post associé", "préparé par", "publié le", "question attendue", "réponse",
             "accroche", "publication")  # fmt: skip
META = re.compile(r"^\s*(?:>\s*)?\*\*([^*]{1,40}?)\s*:?\s*\*\*\s*:?")


def drafts(data: Path) -> list[str]:
    out = []
    for path in sorted(data.rglob("*")):
        if (
            path.is_file()
            and path.suffix in (".md", ".tweet", ".toot")
            and path.name not in ("NOTICE.md", "README.orig.md")
        ):
            out.append(path.relative_to(data).as_posix())
    return out


def present(rel: str, text: str) -> int:
    if rel.endswith((".tweet", ".toot")):
        return 1
    if rel.startswith("saboiteau"):
        return SABOITEAU.get(rel.rsplit("/", 1)[-1], 0) if not any(s in rel for s in NON_POST_FILES) else 0
    body = text.split("\n---\n", 1)[1] if text.startswith("---") else text
    parts = re.split(r"\n\s*\n\s*\n", body)
    return sum(1 for p in parts if re.sub(r"!\[[^\]]*\]\([^)]*\)", "", p).strip())


def non_post_kind(rel: str, text: str, line: int, column: int) -> str | None:
    """Why the oracle says a line is not post text, or None."""
    if any(s in rel for s in NON_POST_FILES):
        return "index/ideas/readme file"
    lines = text.split("\n")
    kinds = ["post"] * (len(lines) + 1)
    label_end: dict[int, int] = {}
    if lines and lines[0].strip() == "---":
        kinds[1] = "front matter"
        for j in range(1, len(lines)):
            kinds[j + 1] = "front matter"
            if lines[j].strip() in ("---", "..."):
                break
    in_notes = False
    for n, content in enumerate(lines, 1):
        if kinds[n] != "post":
            continue
        h = re.match(r"^(#{1,6})\s+(.*)", content)
        if h:
            kinds[n] = "heading/title"
            if len(h.group(1)) <= 2:
                in_notes = bool(NOTES.search(h.group(2)))
            continue
        if in_notes:
            kinds[n] = "notes section"
            continue
        m = META.match(content)
        if m and m.group(1).strip().lower().startswith(META_KEYS):
            if m.group(1).strip().lower().startswith(("accroche", "réponse")) and content[m.end() :].strip():
                label_end[n] = m.end()
            else:
                kinds[n] = "metadata line"
    kind = kinds[line] if line < len(kinds) else "post"
    if kind == "post" and line in label_end and column <= label_end[line]:
        return "label"
    return None if kind == "post" else kind


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    data = args.data
    if not data.is_dir():
        print(f"content repos not found at {data}: skipped")
        return 0
    os.chdir(data)
    files = drafts(data)
    config = config_from_toml("", root=data, now=NOW)
    by_repo: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for rel in files:
        text = (data / rel).read_text(encoding="utf-8")
        parsed = parse_source(rel, text, config.sources)
        c = by_repo[rel.split("/", 1)[0]]
        c["files"] += 1
        c["platform"] += any(p.platforms for p in parsed.posts)
        c["found"] += len(parsed.posts)
        c["present"] += present(rel, text)
        c["agree"] += len(parsed.posts) == present(rel, text)
    total: collections.Counter = sum(by_repo.values(), collections.Counter())
    print("| repo | files | with a platform | posts found / present | files with the right post count |")
    print("|---|---|---|---|---|")
    for repo, c in sorted(by_repo.items()):
        print(f"| {repo} | {c['files']} | {c['platform']} | {c['found']} / {c['present']} | {c['agree']} |")
    print(f"| all | {total['files']} | {total['platform']} ({total['platform'] / total['files']:.0%}) | "
          f"{total['found']} / {total['present']} | {total['agree']} |")  # fmt: skip
    result = lint_paths(files, config=config)
    bad: collections.Counter = collections.Counter()
    for v in result.violations:
        kind = non_post_kind(v.path, (data / v.path).read_text(encoding="utf-8"), v.line, v.column)
        if kind:
            bad[f"{kind} ({v.code})"] += 1
    print(f"\nfindings: {len(result.violations)}; on non-post text (oracle): {sum(bad.values())} {dict(bad)}")
    print(
        "by rule:",
        ", ".join(
            f"{k} {n}" for k, n in collections.Counter(v.code for v in result.violations).most_common()
        ),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
