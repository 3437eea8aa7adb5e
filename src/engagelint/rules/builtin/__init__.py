"""Built-in Python rules, one module per rule.

Each module defines ``RULES``: a tuple of Rule classes. The registry discovers the modules of
this package in sorted order; importing a module registers nothing by itself.
"""
