"""How a file was understood (``engagelint inspect``): posts with their lines, role, platform,
language, schedule and where each value came from, and the regions skipped and why.

Returns plain data; the CLI prints it as text or JSON.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from engagelint.sources.decode import DecodeError, decode
from engagelint.sources.document import ParsedSource, parse_source

if TYPE_CHECKING:
    from engagelint.config.schema import Config

ROLE_NAMES = {"single": "post", "thread": "thread part", "alternative": "alternative", "reply": "reply",
              "version": "platform version"}  # fmt: skip


def inspect_file(path: str, config: Config) -> dict[str, Any]:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return {"path": path, "error": f"cannot read file ({exc.strerror})"}
    try:
        text = decode(data).text
    except DecodeError as exc:
        return {"path": path, "error": str(exc)}
    return describe(parse_source(path, text, config.sources), config)


def _lines(parsed: ParsedSource, start: int, end: int) -> list[int]:
    li = parsed.line_index
    last = max(start, end - 1)
    return [li.position(start)[0], li.position(last)[0]]


def describe(parsed: ParsedSource, config: Config) -> dict[str, Any]:
    from engagelint.nlp.langdetect import detect_language

    posts = []
    for post in parsed.posts:
        s, e = post.offsets.to_source(0, len(post.prose))
        origins = dict(post.origins)
        lang, lang_from = post.lang, origins.get("lang")
        if lang is None:
            lang = config.lang if config.lang != "auto" else detect_language(post.prose)
            lang_from = "config" if config.lang != "auto" else "detection"
        schedule = None
        if post.schedule is not None:
            schedule = (
                post.schedule.isoformat() if post.schedule_has_time else post.schedule.date().isoformat()
            )
        posts.append(
            {
                "index": post.index + 1,
                "lines": _lines(parsed, s, e),
                "role": post.role,
                "part": post.thread_index + 1 if post.is_thread else None,
                "of": post.thread_size if post.is_thread else None,
                "label": post.label or None,
                "platforms": list(post.platforms),
                "platforms_from": origins.get("platforms"),
                "lang": lang,
                "lang_from": lang_from,
                "schedule": schedule,
                "schedule_from": origins.get("schedule"),
                "date": post.dated.date().isoformat() if post.dated else None,
                "date_from": origins.get("date"),
                "status": post.status,
                "status_from": origins.get("status"),
                "characters": len(post.prose),
                "start": post.prose[:60],
            }
        )
    skipped = [
        {"lines": _lines(parsed, r.start, r.end), "kind": r.kind, "reason": r.reason}
        for r in parsed.regions
        if r.end > r.start
    ]
    problems = [p.message for p in parsed.problems]
    return {
        "path": parsed.path,
        "kind": parsed.kind,
        "posts": posts,
        "skipped": skipped,
        "problems": problems,
    }


def render_text(doc: dict[str, Any]) -> str:
    if "error" in doc:
        return f"{doc['path']}: {doc['error']}"
    out = [f"{doc['path']} ({doc['kind']}): {len(doc['posts'])} post(s)"]
    for p in doc["posts"]:
        role = ROLE_NAMES.get(p["role"], p["role"])
        if p["part"]:
            role += f" {p['part']}/{p['of']}"
        a, b = p["lines"]
        where = f"line {a}" if a == b else f"lines {a}-{b}"
        out.append(f"  post {p['index']}  {where}  {role}" + (f"  [{p['label']}]" if p["label"] else ""))
        plat = ", ".join(p["platforms"]) or "none"
        out.append(
            f"      platform: {plat}" + (f"  (from {p['platforms_from']})" if p["platforms_from"] else "")
        )
        out.append(f"      language: {p['lang']}  (from {p['lang_from']})")
        if p["schedule"] or p["schedule_from"]:
            out.append(f"      schedule: {p['schedule']}  (from {p['schedule_from']})")
        if p["date"]:
            out.append(f"      date:     {p['date']}  (from {p['date_from']}; not a schedule)")
        if p["status"]:
            hint = (
                "; keep it as archive: engagelint archive add --published"
                if p["status"] == "published"
                else ""
            )
            out.append(f"      status:   {p['status']}  (from {p['status_from']}){hint}")
        out.append(f"      {p['characters']} characters: {p['start']!r}")
    for r in doc["skipped"]:
        a, b = r["lines"]
        where = f"line {a}" if a == b else f"lines {a}-{b}"
        out.append(f"  skipped {where}: {r['kind']} ({r['reason']})")
    for message in doc["problems"]:
        out.append(f"  problem: {message}")
    return "\n".join(out)
