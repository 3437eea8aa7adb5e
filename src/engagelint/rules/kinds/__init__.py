"""YAML rule kinds (Vale-style): ``extends:`` names one of these constructors."""

from engagelint.rules.kinds.yaml_rule import KINDS, YamlRuleError, load_yaml_rule

__all__ = ["KINDS", "YamlRuleError", "load_yaml_rule"]
