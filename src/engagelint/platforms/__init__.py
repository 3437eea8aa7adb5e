"""Platform fit: length as each platform counts it, and each platform's hard limits.

- :mod:`engagelint.platforms.counting`: counting methods (X weighted length, Mastodon, graphemes, ...);
- :mod:`engagelint.platforms.urls`: twitter-text's URL detection (what X and Mastodon count as 23);
- :mod:`engagelint.platforms.limits`: the limits in data/platforms.toml and user overrides.
"""

from engagelint.platforms.counting import (
    COUNTING_METHODS,
    TWITTER_V2,
    TWITTER_V3,
    Measure,
    TweetParse,
    TwitterConfig,
    count,
    measure,
    parse_tweet,
)
from engagelint.platforms.limits import (
    PlatformSpec,
    builtin_platforms,
    canonical,
    platform_spec,
    post_platforms,
)
from engagelint.platforms.urls import UrlSpan, extract_urls

__all__ = [
    "COUNTING_METHODS",
    "TWITTER_V2",
    "TWITTER_V3",
    "Measure",
    "PlatformSpec",
    "TweetParse",
    "TwitterConfig",
    "UrlSpan",
    "builtin_platforms",
    "canonical",
    "count",
    "extract_urls",
    "measure",
    "parse_tweet",
    "platform_spec",
    "post_platforms",
]
