"""Shipped configuration presets (TOML data), named in ``extend = ["strict"]``."""
