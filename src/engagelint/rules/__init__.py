"""Rules: the contract (base), the registry, YAML rule kinds and the built-in Python rules."""
