"""Mutation testing of the modules that carry the project's promises, one module at a time.

    .venv/bin/pip install -e '.[test,mutation]'
    nice -n 10 .venv/bin/python scripts/mutation.py                # every module below
    nice -n 10 .venv/bin/python scripts/mutation.py routing writer  # some of them
    .venv/bin/python scripts/mutation.py --budget 1200              # stop starting modules after 20 min
    nice -n 10 .venv/bin/python scripts/mutation.py --listed        # the hand-written mutants of issue 14

Each mutant's tests read src/ and tests/ from disk as they are then: editing, merging or checking
out while a group runs mixes two versions. To go on working meanwhile, run it on a snapshot:

    git archive HEAD | tar -x -C /tmp/snapshot && cd /tmp/snapshot &&
    PYTHONPATH=/tmp/snapshot/src /path/to/.venv/bin/python scripts/mutation.py cli-common

The tool is pytest-gremlins (see docs/testing.md for why): it compiles every mutant of a module
into one instrumented copy switched by an environment variable, so the source on disk is never
changed, and it runs for each mutant only the tests that cover the mutated line. This script
narrows it further with a map of module → test files, so the coverage run that picks the tests
is short too. It prints the score per module and writes the results to
`coverage/gremlins/<module>.json` (survivors with file, line and mutation).

Too slow for .ci/run (tens of minutes on two cores); run it by hand after changing a module
or its tests, and record the score in docs/testing.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
SRC = "src/ilo_engage/"

# Each module that carries promises, and the test files that hold those promises.
MODULES: dict[str, tuple[list[str], list[str]]] = {
    "routing": (["checks/routing.py"], ["checks/test_routing.py", "load/test_settings.py"]),
    "procedure": (["model/procedure.py"], ["checks/test_routing.py", "lookup/test_lookup.py", "authoring/test_authoring.py"]),
    "audience": (["core/audience.py", "lookup/dossier.py"], ["reports/test_audience.py", "lookup/test_lookup.py", "cli/test_cli_options.py"]),
    "registers": (["lookup/registers.py"], ["lookup/test_registers.py", "reports/test_audience.py", "cli/test_cli_options.py"]),
    "steps": (["authoring/steps.py"], ["authoring/test_authoring.py", "authoring/test_steps_written.py"]),
    "writer": (["core/writer.py"], ["core/test_writer.py", "core/test_torn_writes.py"]),
    # The CLI and the report's numbers are each split in groups that end within about 40 minutes on two
    # busy cores (as one group neither ended): each part is mapped to the test files that hold its promises.
    "cli-register": (
        ["cli/register.py", "cli/lookup.py", "cli/route.py", "cli/validate.py"],
        ["cli/test_cli_options.py", "cli/test_option_wiring.py", "cli/test_cli.py", "cli/test_exit_codes.py"],
    ),
    "cli-contact": (
        ["cli/contact.py"],
        ["authoring/test_steps_written.py", "cli/test_option_wiring.py", "cli/test_cli.py", "cli/test_exit_codes.py"],
    ),
    "cli-common": (
        ["cli/common.py"],
        ["cli/test_common.py", "cli/test_option_wiring.py", "cli/test_outputs.py", "test_process_safety.py", "cli/test_exit_codes.py", "cli/test_cli.py"],
    ),
    "reports-computed": (
        ["reports/computed.py", "reports/assessment.py"],
        ["reports/test_reports.py", "reports/test_seed_figures.py", "reports/test_report_content.py", "reports/test_computed_edges.py"],
    ),
    "reports-wording": (
        ["model/figures.py", "core/wording.py"],
        ["reports/test_report_content.py", "reports/test_seed_figures.py", "reports/test_placeholders.py"],
    ),
}


# The mutants issue 14 found surviving, and a few more of the same kinds, applied by hand: each is
# (what it breaks, file, text, replacement, the tests that must fail). `--listed` applies each in a
# copy of the project and runs those tests; a mutant whose text is gone (the code changed) is
# reported as such, never as killed.
LISTED: list[tuple[str, str, str, str, list[str]]] = [
    ("R009 boundary > to >=", "checks/routing.py", "(analysis.date - contact.date).days > limit",
     "(analysis.date - contact.date).days >= limit", ["checks/test_routing.py"]),
    ("start-day exemption >= to > (Contact.assessed: the rules, breaches, the report's assessment)", "model/contacts.py",
     "return not self.pre_procedure and self.date >= start", "return not self.pre_procedure and self.date > start",
     ["checks/test_routing.py", "reports/test_computed_edges.py"]),
    ("needs_analysis_days replaced by 30", "checks/routing.py", "limit = contact.needs_analysis, ctx.settings.needs_analysis_days",
     "limit = contact.needs_analysis, 30", ["load/test_settings.py"]),
    ("register --country ignored", "cli/register.py", "tuple(c.upper() for c in country or ())", "()",
     ["cli/test_cli_options.py"]),
    ("technical_leads dropped from register --format json", "lookup/registers.py",
     '"technical_leads": list(self.technical_leads),', "", ["cli/test_cli_options.py"]),
    ("find no longer matches an LEI", "lookup/finder.py", "(identifiers.lei, identifiers.website, identifiers.wikidata)",
     "(identifiers.website, identifiers.wikidata)", ["cli/test_cli_options.py"]),
    ("contact ID consult writes nothing", "authoring/steps.py",
     '_append(doc, "consultations", {"with": unit, "date": r.day, "summary": r.summary})', "pass",
     ["authoring/test_steps_written.py"]),
    ("atomic rename replaced by an in-place overwrite", "core/writer.py", "\n        os.replace(temporary, path)",
     "\n        path.write_bytes(data)\n        temporary.unlink()", ["core/test_torn_writes.py"]),
    ("a step command's edit written in place", "core/writer.py", "\n            os.replace(temporary, path)",
     "\n            path.write_bytes(temporary.read_bytes())", ["core/test_torn_writes.py"]),
    ("a new file written in place", "core/writer.py", "        os.link(temporary, path)",
     "        path.write_bytes(data)", ["core/test_torn_writes.py"]),
    ("a unit not named for the audience marked shown", "core/audience.py", "unit.kind, shown=False)",
     "unit.kind, shown=True)", ["reports/test_audience.py"]),
    ("two equal numbers printed as a range", "core/wording.py", "int(second) > int(first)", "int(second) >= int(first)",
     ["reports/test_report_content.py"]),
    ("a figure held from the period's last day left out", "model/figures.py", "as_of_day(f.as_of) <= end",
     "as_of_day(f.as_of) < end", ["reports/test_report_content.py"]),
    ("register loses its error handling (exit 3 and 130)", "cli/register.py", "@handle_errors\ndef command(",
     "def command(", ["cli/test_exit_codes.py"]),
    ("enterprise ids completed from the units", "cli/completion.py", 'enterprise_ids = _stems(layout.ENTERPRISES.location)',
     'enterprise_ids = _stems(layout.UNITS.location)', ["cli/test_completion.py"]),
    ("register topics in hash order", "lookup/registers.py", "return tuple(sorted(set(values)))", "return tuple(set(values))",
     ["test_determinism.py"]),
]


def run_listed(names: list[str]) -> int:
    """Apply each listed mutant in a copy of the project and run its tests; 0 if every one is killed."""
    import tempfile

    survived = 0
    with tempfile.TemporaryDirectory(prefix="ilo-engage-mutant-") as scratch:
        copy = Path(scratch) / "project"
        shutil.copytree(PROJECT, copy, ignore=shutil.ignore_patterns(
            ".venv", ".git", "coverage", "__pycache__", ".ilo-engage-cache", "*.egg-info", ".pytest_cache"))
        env = {**os.environ, "PYTHONPATH": str(copy / "src")}
        for what, module, text, replacement, tests in LISTED:
            if names and not any(n in what for n in names):
                continue
            source = copy / SRC / module
            original = source.read_text(encoding="utf-8")
            if original.count(text) != 1:
                print(f"GONE      {what}: the text is no longer in {module} once; update the list")
                survived += 1
                continue
            source.write_text(original.replace(text, replacement), encoding="utf-8")
            try:
                done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                                       *(f"tests/{t}" for t in tests)], cwd=copy, env=env, capture_output=True,
                                      text=True, timeout=900)
            finally:
                source.write_text(original, encoding="utf-8")
            failed = [line.split(" - ")[0] for line in done.stdout.splitlines() if line.startswith("FAILED")]
            if done.returncode == 1 and failed:
                print(f"killed    {what}: {len(failed)} failed, first {failed[0].removeprefix('FAILED ')}")
            else:
                survived += 1
                print(f"SURVIVED  {what} (pytest exit {done.returncode})")
    return 1 if survived else 0


# Tests left out of a group's run: under the tool's import hook the real-SIGINT tests time out
# (they pass in the ordinary suite).
_NO_REAL_SIGINT = "not sigint_to_a_running_command and not ctrl_c_during_a_parallel_validate"
DESELECT = dict.fromkeys(("cli-register", "cli-contact", "cli-common"), _NO_REAL_SIGINT)


def run(name: str, timeout: float, mutant_timeout: float) -> dict[str, object] | None:
    """Mutate one module group with its tests; the JSON summary, or None if the run failed."""
    sources, tests = MODULES[name]
    targets = ",".join(SRC + s for s in sources)
    test_paths = [f"tests/{t}" for t in tests if (PROJECT / "tests" / t).exists()]
    command = [
        sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
        "--gremlins", f"--gremlin-targets={targets}", "--gremlin-report=json",
        "--gremlin-workers=2", "--gremlin-batch", f"--gremlin-mutant-timeout={mutant_timeout:.0f}", *test_paths,
        *(["-k", DESELECT[name]] if name in DESELECT else []),
    ]
    report = PROJECT / "coverage" / "gremlins" / "gremlins.json"
    report.parent.mkdir(parents=True, exist_ok=True)
    report.unlink(missing_ok=True)
    log = report.with_name(f"{name}.log")  # the run's own output, progress included
    with log.open("w", encoding="utf-8") as out:
        # Its own process group: on a timeout the tool's worker processes (a forkserver and the
        # test runs it started) are stopped with it, instead of running on unattended.
        process = subprocess.Popen(command, cwd=PROJECT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait()
            print(f"{name}: stopped after {timeout:.0f} s", file=sys.stderr)
            return None
        except KeyboardInterrupt:
            os.killpg(process.pid, signal.SIGTERM)
            raise
        done = process
    if not report.exists():
        print(f"{name}: no report (exit {done.returncode}); see {log}", file=sys.stderr)
        return None
    kept = report.with_name(f"{name}.json")
    shutil.move(report, kept)
    return json.loads(kept.read_text(encoding="utf-8"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", help=f"module groups (default: all): {', '.join(MODULES)}")
    parser.add_argument("--listed", action="store_true",
                        help="apply the hand-written mutants of LISTED instead (names filter them)")
    parser.add_argument("--budget", type=float, default=3600, help="seconds; no module starts after this")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds for one module at most")
    # The tool's own limit is 30 s per mutant's test run; under load the report's tests take longer
    # than that unmutated, and a survivor would end as the tool's "error" instead of a survivor.
    parser.add_argument("--mutant-timeout", type=float, default=120,
                        help="seconds one mutant's test run may take (the tool's default is 30)")
    args = parser.parse_args()
    if args.listed:
        return run_listed(args.modules)
    names = args.modules or list(MODULES)
    if unknown := [n for n in names if n not in MODULES]:
        parser.error(f"unknown module group {', '.join(unknown)}; choose from {', '.join(MODULES)}")
    os.environ.setdefault("PYTHONHASHSEED", "0")
    start = time.monotonic()
    rows = []
    for name in names:
        if time.monotonic() - start > args.budget:
            print(f"{name}: not started, budget of {args.budget:.0f} s spent", file=sys.stderr)
            continue
        began = time.monotonic()
        found = run(name, args.timeout, args.mutant_timeout)
        if found is None:
            continue
        summary = found["summary"]
        rows.append((name, summary, time.monotonic() - began))
        print(f"{name:10} {summary['zapped']:4}/{summary['total']:<4} killed  {summary['percentage']:5.1f} %"
              f"  ({time.monotonic() - began:.0f} s)", flush=True)
        for result in found["results"]:
            if result["status"] != "zapped":
                print(f"    {result['status']:8} {Path(result['file_path']).relative_to(PROJECT / 'src')}:"
                      f"{result['line_number']} {result['description']}")
    if rows:
        killed = sum(int(s["zapped"]) for _, s, _ in rows)
        total = sum(int(s["total"]) for _, s, _ in rows)
        print(f"{'all':10} {killed:4}/{total:<4} killed  {100 * killed / total:5.1f} %")
    return 0 if rows else 1


if __name__ == "__main__":
    sys.exit(main())
