"""URL detection as twitter-text does it, so links are counted the way X (and Mastodon) count them.

A close Python port of twitter-text's ``extractUrlsWithIndices`` (JavaScript, commit 30e2430, Apache-2.0):
same character classes, same TLD list (``data/twitter_tlds.txt``), same validity checks (labels of at
most 63 characters once punycode-encoded, URLs of at most 4096 characters, t.co slugs). Spans are
code-point indices into the text given.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import regex

MAX_URL_LENGTH = 4096
MAX_TCO_SLUG_LENGTH = 40
MAX_DOMAIN_LABEL_LENGTH = 63
DEFAULT_PROTOCOL = "https://"

# Character classes, as in twitter-text's js/src/regexp/*.js.
PUNCT = r"!'#%&'\(\)*\+,\\\-\./:;<=>\?@\[\]\^_{|}~\$"
SPACES = r"\x09-\x0D\x20\x85\xA0\u1680\u180E\u2000-\u200A\u2028\u2029\u202F\u205F\u3000"
INVALID_CHARS = r"\uFFFE\uFEFF\uFFFF"
DIRECTIONAL_MARKERS = r"\u202A-\u202E\u061C\u200E\u200F\u2066\u2067\u2068\u2069"
CYRILLIC = r"\u0400-\u04FF"
LATIN_ACCENTS = (
    r"\xC0-\xD6\xD8-\xF6\xF8-\xFF\u0100-\u024F\u0253\u0254\u0256\u0257\u0259\u025B\u0263\u0268"
    r"\u026F\u0272\u0289\u028B\u02BB\u0300-\u036F\u1E00-\u1EFF"
)


@dataclass(frozen=True, slots=True)
class UrlSpan:
    start: int
    end: int
    url: str


@lru_cache(maxsize=1)
def load_tlds() -> dict[str, tuple[str, ...]]:
    """The ``[country]`` and ``[generic]`` TLD lists shipped in engagelint/data/twitter_tlds.txt."""
    text = resources.files("engagelint").joinpath("data/twitter_tlds.txt").read_text(encoding="utf-8")
    lists: dict[str, list[str]] = {}
    current: list[str] | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = lists.setdefault(line[1:-1], [])
        elif current is not None:
            current.append(line)
    return {kind: tuple(tlds) for kind, tlds in lists.items()}


def _tld_group(tlds: tuple[str, ...]) -> str:
    # Longest first so that a TLD is never cut short by one of its prefixes.
    alternatives = "|".join(regex.escape(t) for t in sorted(tlds, key=lambda t: (-len(t), t)))
    return rf"(?:(?:{alternatives})(?=[^a-zA-Z0-9@+\-]|$))"


class _Patterns:
    """The compiled twitter-text expressions (built once, on first use: the TLD alternation is large)."""

    def __init__(self) -> None:
        tlds = load_tlds()
        gtld = _tld_group(tlds["generic"])
        cctld = _tld_group(tlds["country"])
        punycode = r"(?:xn--[\-0-9a-z]+)"
        domain_char = rf"[^{PUNCT}{SPACES}{INVALID_CHARS}{DIRECTIONAL_MARKERS}]"
        subdomain = rf"(?:(?:{domain_char}(?:[_\-]|{domain_char})*)?{domain_char}\.)"
        domain_name = rf"(?:(?:{domain_char}(?:-|{domain_char})*)?{domain_char}\.)"
        domain = rf"(?:{subdomain}*{domain_name}(?:{gtld}|{cctld}|{punycode}))"

        path_char = rf"[a-z{CYRILLIC}0-9!\*';:=\+,\.\$/%#\[\]\-\u2013_~&\|@{LATIN_ACCENTS}]"
        parens = rf"\((?:{path_char}+|(?:{path_char}*\({path_char}+\){path_char}*))\)"
        path_end = rf"(?:[\+\-a-z{CYRILLIC}0-9=_#/{LATIN_ACCENTS}]|(?:{parens}))"
        path = rf"(?:(?:{path_char}*(?:{parens}{path_char}*)*{path_end})|(?:@{path_char}+/))"
        query_char = r"[a-z0-9!?\*'@\(\);:&=\+\$/%#\[\]\-_\.,~|]"
        query_end = r"[a-z0-9\-_&=#/]"
        before = rf"(?:[^A-Za-z0-9@＠$#＃{INVALID_CHARS}]|[{DIRECTIONAL_MARKERS}]|^)"

        flags = regex.IGNORECASE | regex.VERSION0
        self.extract = regex.compile(
            rf"({before})"  # 1: preceding character
            rf"((https?://)?"  # 2: URL, 3: protocol
            rf"({domain})"  # 4: domain
            r"(?::([0-9]+))?"  # 5: port
            rf"(/{path}*)?"  # 6: path
            rf"(\?{query_char}*{query_end})?)",  # 7: query
            flags,
        )
        self.ascii_domain = regex.compile(
            rf"(?:(?:[\-a-z0-9{LATIN_ACCENTS}]+)\.)+(?:{gtld}|{cctld}|{punycode})", flags
        )
        self.invalid_preceding = regex.compile(r"[\-_./]$")
        self.tco = regex.compile(rf"^https?://t\.co/([a-z0-9]+)(?:\?{query_char}*{query_end})?", flags)


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    return _Patterns()


def _punycode_label(label: str) -> str:
    if label.isascii():
        return label
    return "xn--" + label.encode("punycode").decode("ascii")


def _valid_domain(domain: str) -> bool:
    """twitter-text's idna.toAscii check: every label 1..63 characters once punycode-encoded."""
    for label in domain.split("."):
        if label[:4].lower() == "xn--" and not label.isascii():
            return False  # already punycode-encoded labels must be ASCII
        try:
            encoded = _punycode_label(label)
        except UnicodeError:
            return False
        if not 0 < len(encoded) <= MAX_DOMAIN_LABEL_LENGTH:
            return False
    return True


def _valid_url(url: str, protocol: str) -> bool:
    return len(protocol) + len(url) <= MAX_URL_LENGTH


def extract_urls(text: str, *, without_protocol: bool = True) -> list[UrlSpan]:
    """URLs in ``text`` as twitter-text finds them (``without_protocol``: also bare ``example.com``)."""
    if not text or ("." not in text if without_protocol else ":" not in text):
        return []
    return list(_extract_urls(text, without_protocol))


@lru_cache(maxsize=256)
def _extract_urls(text: str, without_protocol: bool) -> tuple[UrlSpan, ...]:
    # Memoised: the entities, the length counting and the duplicate features of one post all
    # ask for the URLs of the same text.
    pats = _patterns()
    found: list[UrlSpan] = []
    for m in pats.extract.finditer(text):
        before, url, protocol, domain, path = m.group(1), m.group(2), m.group(3), m.group(4), m.group(6)
        start, end = m.start(2), m.end(2)
        if not _valid_domain(domain) or not _valid_url(url, protocol or DEFAULT_PROTOCOL):
            continue
        if protocol:
            tco = pats.tco.match(url)
            if tco:
                if len(tco.group(1)) > MAX_TCO_SLUG_LENGTH:
                    continue
                url = tco.group(0)
                end = start + len(url)
            found.append(UrlSpan(start, end, url))
            continue
        if not without_protocol or pats.invalid_preceding.search(before):
            continue
        # Without a protocol, only the ASCII domains inside it count.
        last: UrlSpan | None = None
        search_from = 0
        for ascii_match in pats.ascii_domain.finditer(domain):
            ascii_domain = ascii_match.group()
            ascii_start = domain.find(ascii_domain, search_from)
            search_from = ascii_start + len(ascii_domain)
            last = UrlSpan(start + ascii_start, start + search_from, ascii_domain)
            found.append(last)
        if last is not None and path:
            found[-1] = UrlSpan(last.start, end, url.replace(domain, last.url, 1))
    return tuple(found)
