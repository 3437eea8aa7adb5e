"""Configuration: discovery, reading and validation."""

from engagelint.config.loader import config_from_toml, find_config, load_config
from engagelint.config.schema import Config, ConfigError, PerFile, build_config

__all__ = [
    "Config",
    "ConfigError",
    "PerFile",
    "build_config",
    "config_from_toml",
    "find_config",
    "load_config",
]
