"""Auditing a whole archive: plan partitions, lint them where the engine runs them, then judge the
corpus with shuffles (duplicates by MinHash band, cadence by platform and day, cross-posting by
text) instead of one process holding every post. ``run_audit`` is the entry point."""

from engagelint.audit.pipeline import AuditResult, run_audit
from engagelint.audit.sources import plan

__all__ = ["AuditResult", "plan", "run_audit"]
