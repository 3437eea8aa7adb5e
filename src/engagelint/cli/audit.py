"""``engagelint audit SOURCE...``: lint a whole archive (JSONL, Parquet, CSV exports, folders of
drafts) on a local process pool or a Dask cluster, with the same findings either way."""

from __future__ import annotations

import sys
from collections import Counter

import click

from engagelint.cli.clock_option import now_option, run_clock
from engagelint.progress import Progress


class PartitionProgress(Progress):
    def render(self) -> str:
        fraction = self.done / self.total if self.total else 1.0
        filled = int(fraction * self.width)
        return f"auditing {'█' * filled}{'░' * (self.width - filled)} {self.done}/{self.total} partitions"


def _split(values) -> list[str]:
    return [x.strip() for v in values for x in v.split(",") if x.strip()]


def fail(message: str) -> None:
    click.echo(f"engagelint: error: {message}", err=True)
    sys.exit(2)


@click.command("audit", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("sources", nargs=-1, required=True, type=click.Path())
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: a process pool on this machine; dask: a Dask cluster.")  # fmt: skip
@click.option("--scheduler", metavar="ADDRESS",
              help="Dask scheduler to use (tcp://host:8786); default: a LocalCluster for this run.")  # fmt: skip
@click.option("-j", "--workers", type=int, default=None,
              help="Worker processes (local pool or LocalCluster; default: available cores).")  # fmt: skip
@click.option("--worker-memory", metavar="SIZE",
              help="Memory limit of each LocalCluster worker (e.g. 2GiB): past 60 % of it a worker spills "
                   "partitions to disk. Default: this machine's memory shared between the workers.")  # fmt: skip
@click.option(
    "--format", "fmt", default="text", show_default=True, help="Output format (text, json, sarif...)."
)
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False),
              help="Write findings as rows to a .jsonl or .parquet file (instead of printing them).")  # fmt: skip
@click.option("--report", "report", type=click.Path(dir_okay=False), help="Also write an HTML report.")
@click.option(
    "--config", "config_path", type=click.Path(), help="Config file (default: found from the first source)."
)
@click.option("--select", multiple=True, help="Only these rules (codes, names, categories or prefixes).")
@click.option("--ignore", multiple=True, help="Skip these rules.")
@click.option(
    "--partition-mb",
    type=float,
    default=None,
    help="JSONL partition size in MiB (default: at most 4, the same count per worker).",
)
@click.option("--partition-rows", type=int, default=None, help="Parquet rows per partition (default 20000).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when problems are found.")
@now_option
def command(sources, engine, scheduler, workers, worker_memory, fmt, output, report, config_path, select, ignore, partition_mb,
            partition_rows, exit_zero, now) -> None:  # fmt: skip
    """Audit an archive: every post checked, duplicates, cadence and cross-posting judged across all of it.

    Record ids (the `id` field) stand for paths in findings of records that are not files.
    """
    from engagelint import api, i18n
    from engagelint.audit import run_audit
    from engagelint.config import ConfigError, load_config
    from engagelint.engines import EngineError, get_engine
    from engagelint.runner import available_cores

    if scheduler and engine != "dask":
        fail("--scheduler needs --engine dask")
    if output and not output.lower().endswith((".jsonl", ".ndjson", ".parquet")):
        fail(f"-o {output}: findings are written as .jsonl or .parquet")
    if worker_memory and (engine != "dask" or scheduler):
        fail("--worker-memory is for the LocalCluster of --engine dask (a cluster of yours sets its own)")
    if workers is not None and workers < 1:
        fail("--workers must be at least 1")
    moment = run_clock(now)
    try:
        config = api.at_time(load_config(config_path=config_path, start=sources[0]), moment)
        i18n.set_language(i18n.resolve(config.messages))
        n = workers or available_cores()
        options = (
            {"jobs": n}
            if engine == "local"
            else {"scheduler": scheduler, "workers": n, "worker_memory": worker_memory}
        )
        progress = PartitionProgress(fmt, min_total=2, interval=0.0)
        with get_engine(engine, **options) as runner:
            try:
                result = run_audit(
                    list(sources), config=config, engine=runner, select=_split(select) or None,
                    ignore=_split(ignore), on_start=progress.start, on_partition=lambda _i: progress.advance(),
                    partition_bytes=int(partition_mb * 1048576) if partition_mb else None,
                    partition_rows=partition_rows,
                )  # fmt: skip
            finally:
                progress.close()
            texts = []
            if report:
                from engagelint.audit.pipeline import flagged_texts
                from engagelint.report.html import MAX_DRAFTS_SHOWN

                texts = flagged_texts(result, runner, MAX_DRAFTS_SHOWN)
    except (ConfigError, EngineError) as exc:
        fail(str(exc))
        return
    for err in result.errors:
        click.echo(f"engagelint: error: {api.display_path(err)}", err=True)
    for warning in result.warnings:
        click.echo(f"engagelint: warning: {warning}", err=True)

    violations = result.violations
    if output:
        from engagelint.audit.output import write_rows

        try:
            write_rows(violations, output)
        except (OSError, ValueError) as exc:
            fail(f"-o {output}: {exc}")
        click.echo(i18n._("Wrote %(path)s: %(n)s findings in %(posts)s posts.")
                   % {"path": output, "n": len(violations), "posts": result.posts}, err=True)  # fmt: skip
    else:
        click.echo(_formatted(violations, result, fmt, config), nl=False)
    if report:
        _write_report(report, violations, result, texts, config)

    if result.errors:
        sys.exit(2)
    if exit_zero:
        sys.exit(0)
    sys.exit(1 if any(v.severity >= config.fail_on for v in violations) else 0)


def _formatted(violations, result, fmt, config) -> str:
    from engagelint import __version__
    from engagelint.formatters import FormatOptions, get_formatter
    from engagelint.formatters.base import Summary
    from engagelint.rules.registry import cached_registry

    summary = Summary(
        files=result.files,
        posts=result.posts,
        violations=len(violations),
        by_severity=dict(Counter(str(v.severity) for v in violations)),
        fixable=sum(1 for v in violations if v.fix is not None),
        errors=tuple(result.errors),
    )
    rules = {r.info.code: r.info for r in cached_registry(tuple(config.extend), str(config.root))}
    options = FormatOptions(root=str(config.root), rules=rules if fmt in ("sarif", "junit") else {},
                            paths=tuple(dict.fromkeys(v.path for v in violations)), tool_version=__version__)  # fmt: skip
    try:
        formatter = get_formatter(fmt, options)
    except (ValueError, ModuleNotFoundError) as exc:
        fail(str(exc))
    formatter.start()
    for v in violations:
        formatter.handle(v)
    return formatter.finish(summary)


def _write_report(path, violations, result, texts, config) -> None:
    from engagelint.report.html import collect, render
    from engagelint.rules.registry import cached_registry
    from engagelint.sources.records import parse_record

    sources = {p: text for p, text, _record in texts}
    parsed = {p: parse_record(record, config.sources) for p, _text, record in texts if record is not None}
    shown = set(sources)
    rules = {r.info.code: r.info for r in cached_registry(tuple(config.extend), str(config.root))}
    data = collect([v for v in violations if v.path in shown], sources, config, rules, title="engagelint audit",
                   errors=result.errors, now=config.profile.now, parsed=parsed)  # fmt: skip
    # The charts count the drafts shown; the totals are the whole audit's.
    data.files, data.posts, data.violations = result.files, result.posts, len(violations)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(render(data))
    from engagelint.i18n import _

    click.echo(_("Wrote %(path)s: %(n)s findings in %(files)s records and drafts.")
               % {"path": path, "n": len(violations), "files": result.files}, err=True)  # fmt: skip
