#!/usr/bin/env python3
"""Benchmark ilo-engage on generated datasets against a parse floor and check-jsonschema.

    .venv/bin/python bench/run.py [--sizes 1000,10000,100000] [--repeat 3] [--out bench/results.md]

For each size it generates (or reuses, keyed by size, seed and the generator's inputs)
a dataset under the cache folder, then times each command in its own process
(wall clock, median of --repeat runs) and records its peak memory (GNU time's %M,
else /proc/<pid>/status VmHWM polling). It prints a Markdown table per size and
writes the same report to --out. See bench/README.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

BENCH = Path(__file__).resolve().parent
PROJECT = BENCH.parent
TOOL_CACHE = ".ilo-engage-cache"
TIMEOUT = 4 * 3600
IMPORT_ROWS = 10_000  # the rows `import` reads, whatever the dataset's size (issue 20's target)

# Where each kind of record lives and its exported schema (mirrors src/ilo_engage/model/__init__.py).
KIND_LOCATIONS = (
    ("topics", "data/topics.yaml"), ("regions", "data/regions.yaml"), ("unit", "data/units"),
    ("enterprise", "data/registers/enterprises"), ("contact", "data/registers/contacts"),
    ("network", "data/networks"), ("partnership", "data/partnerships"), ("programme", "data/programmes"),
    ("report", "data/reports"),
)
# Problem codes the planted errors of generate.py should produce (the misspelled group
# secretariat also leaves the contact not shared with its secretariat: an R003 warning).
PLANTED_CODES = {"unknown-unit": ("D003", "R003"), "unknown-enterprise": ("D003",), "unknown-topic": ("D003",),
                 "unknown-member": ("D003",), "bad-date": ("S003",), "bad-country": ("S003",)}

PARSE_FLOOR = '''\
"""The parse floor: read and parse every record file with PyYAML's C loader, in one process."""
import os, sys
import yaml

root = os.path.join(sys.argv[1], "data")
files = failed = 0
for folder, subfolders, names in os.walk(root):
    subfolders.sort()
    for name in sorted(names):
        if not name.endswith(".yaml"):
            continue
        with open(os.path.join(folder, name), encoding="utf-8") as handle:
            text = handle.read()
        try:
            yaml.load(text, Loader=yaml.CSafeLoader)
        except Exception:  # the planted bad date is not a day PyYAML can build
            failed += 1
        files += 1
print(f"{files} files parsed, {failed} failed")
'''

MINIMAL_TYPER = '''\
"""A minimal one-command Typer app, for the start-up ratio of `ilo-engage --help`."""
import typer

app = typer.Typer()


@app.command()
def hello(name: str = typer.Option("world", help="Whom to greet.")) -> None:
    """Say hello."""
    typer.echo(f"Hello {name}")


if __name__ == "__main__":
    app()
'''


# --------------------------------------------------------------------------------------
# Running one command: wall clock and peak memory
# --------------------------------------------------------------------------------------

@dataclass
class Run:
    seconds: float
    peak_kib: int | None  # max RSS of the largest process (GNU time %M) or VmHWM of the child
    tree_kib: int | None  # largest sampled sum of RSS over the child's process tree
    processes: int  # most processes seen at once in the tree
    rc: int
    stdout: str
    stderr: str


def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            try:
                with open(f"/proc/{pid}/task/{task}/children") as handle:
                    found += [int(x) for x in handle.read().split()]
            except OSError:
                continue
    except OSError:
        pass
    return found


def _status_kib(pid: int, field_name: str) -> int | None:
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith(field_name + ":"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        return None
    return None


class Sampler(threading.Thread):
    """Polls the child's process tree: the sum of RSS (worker processes included) and,
    without GNU time, the child's own VmHWM."""

    def __init__(self, pid: int, skip_root: bool, interval: float = 0.02) -> None:
        super().__init__(daemon=True)
        self.pid, self.skip_root, self.interval = pid, skip_root, interval
        self.tree_kib = 0
        self.hwm_kib: int | None = None
        self.processes = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            self.sample()
            self.done.wait(self.interval)

    def sample(self) -> None:
        tree, todo = [], [self.pid]
        while todo:
            pid = todo.pop()
            tree.append(pid)
            todo += _children(pid)
        if self.skip_root:  # the GNU time process itself
            tree = tree[1:]
        total = sum(_status_kib(pid, "VmRSS") or 0 for pid in tree)
        self.tree_kib = max(self.tree_kib, total)
        self.processes = max(self.processes, len(tree))
        if not self.skip_root:
            hwm = _status_kib(self.pid, "VmHWM")
            if hwm is not None:
                self.hwm_kib = max(self.hwm_kib or 0, hwm)


class Runner:
    def __init__(self, gnu_time: str | None, env: dict[str, str]) -> None:
        self.gnu_time = gnu_time
        self.env = env

    def run(self, cmd: list[str], cwd: Path, keep_stdout: bool = False) -> Run:
        with tempfile.TemporaryDirectory(prefix="ilo-bench-run-") as scratch:
            timefile, out, err = (Path(scratch) / name for name in ("time", "out", "err"))
            argv = [self.gnu_time, "-f", "%e %M", "-o", str(timefile), *cmd] if self.gnu_time else cmd
            with open(out, "wb") as stdout, open(err, "wb") as stderr:
                start = time.perf_counter()
                proc = subprocess.Popen(argv, cwd=cwd, env=self.env, stdin=subprocess.DEVNULL,
                                        stdout=stdout, stderr=stderr)
                sampler = Sampler(proc.pid, skip_root=bool(self.gnu_time))
                sampler.start()
                # A blocking wait: Popen.wait(timeout=…) polls with sleeps of up to 50 ms, which
                # would round every time up to the next poll. The timer ends a runaway command.
                killer = threading.Timer(TIMEOUT, proc.kill)
                killer.start()
                try:
                    rc = proc.wait()
                finally:
                    elapsed = time.perf_counter() - start
                    killer.cancel()
                    sampler.done.set()
                    sampler.join()
            peak = sampler.hwm_kib
            if self.gnu_time:
                lines = timefile.read_text().strip().splitlines() if timefile.exists() else []
                try:
                    peak = int(lines[-1].split()[1])
                except (IndexError, ValueError):
                    peak = None
            return Run(elapsed, peak, sampler.tree_kib or None, sampler.processes, rc,
                       out.read_text(errors="replace") if keep_stdout else "",
                       err.read_text(errors="replace")[-4000:])


# --------------------------------------------------------------------------------------
# Measurements
# --------------------------------------------------------------------------------------

@dataclass
class Measurement:
    name: str
    runs: list[Run] = field(default_factory=list)  # for a summed measurement: one Run per repeat
    note: str = ""
    skipped: str = ""

    @property
    def median(self) -> float | None:
        return statistics.median(r.seconds for r in self.runs) if self.runs else None

    @property
    def peak_mib(self) -> float | None:
        peaks = [r.peak_kib for r in self.runs if r.peak_kib]
        return max(peaks) / 1024 if peaks else None

    @property
    def tree_mib(self) -> float | None:
        if not self.runs or max(r.processes for r in self.runs) <= 1:
            return None
        return max(r.tree_kib or 0 for r in self.runs) / 1024


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


class SizeBench:
    def __init__(self, args: argparse.Namespace, tools: dict, runner: Runner, size: int, notes: list[str]) -> None:
        self.args, self.tools, self.runner, self.size = args, tools, runner, size
        self.global_notes = notes
        self.notes: list[str] = []
        self.results: dict[str, Measurement] = {}

    # ---- datasets ---------------------------------------------------------------------

    def dataset(self, clean: bool) -> Path:
        cache = Path(self.args.cache_dir)
        name = f"ds-{self.size}-seed{self.args.seed}{'-clean' if clean else ''}-{generator_fingerprint()}"
        path = cache / name
        restore = path / "bench-restore.json"
        if restore.exists():  # an interrupted run left a file changed: put it back
            saved = json.loads(restore.read_text(encoding="utf-8"))
            (path / saved["file"]).write_text(saved["text"], encoding="utf-8", newline="")
            restore.unlink()
        if (path / "bench-manifest.json").exists():
            _say(f"[{self.size}] reusing {path}")
            return path
        cache.mkdir(parents=True, exist_ok=True)
        partial = cache / f"{name}.partial"
        shutil.rmtree(partial, ignore_errors=True)
        _say(f"[{self.size}] generating {path} …")
        start = time.perf_counter()
        cmd = [self.tools["python"], str(BENCH / "generate.py"), str(partial), "--records", str(self.size),
               "--seed", str(self.args.seed)] + (["--clean"] if clean else [])
        subprocess.run(cmd, check=True, env=self.runner.env)
        partial.rename(path)
        _say(f"[{self.size}] generated in {time.perf_counter() - start:.1f} s")
        return path

    # ---- one measurement ---------------------------------------------------------------

    def selected(self, key: str) -> bool:
        """Whether --only leaves this measurement in (the parse floor always runs: every ratio needs it)."""
        return not self.args.only or key == "floor" or key in self.args.only

    def measure(self, key: str, name: str, cmd: list[str], cwd: Path, ok: tuple[int, ...] = (0,),
                before=None, keep_first_stdout: bool = False) -> Measurement:  # noqa: ANN001
        m = Measurement(name)
        self.results[key] = m
        if not self.selected(key):
            m.skipped = "not selected (--only)"
            return m
        for i in range(self.args.repeat):
            if before:
                before(i)
            run = self.runner.run(cmd, cwd, keep_stdout=keep_first_stdout and i == 0)
            m.runs.append(run)
            peak = f"{run.peak_kib / 1024:.0f} MiB" if run.peak_kib else "? MiB"
            _say(f"[{self.size}] {name} {i + 1}/{self.args.repeat}: {run.seconds:.3f} s, {peak}, exit {run.rc}")
            if run.rc not in ok:
                m.note = f"exit {run.rc} (expected {'/'.join(map(str, ok))}): {_first_line(run.stderr)}"
        return m

    def measure_batches(self, key: str, name: str, batches: list[list[str]], cwd: Path) -> Measurement:
        """A command split over several calls (argument-length limits): seconds summed per repeat."""
        m = Measurement(name)
        self.results[key] = m
        if not self.selected(key):
            m.skipped = "not selected (--only)"
            return m
        for i in range(self.args.repeat):
            total, peak, tree, procs, rcs = 0.0, 0, 0, 0, set()
            for cmd in batches:
                run = self.runner.run(cmd, cwd)
                total += run.seconds
                peak, tree = max(peak, run.peak_kib or 0), max(tree, run.tree_kib or 0)
                procs = max(procs, run.processes)
                rcs.add(run.rc)
                if run.rc not in (0, 1):
                    m.note = f"exit {run.rc}: {_first_line(run.stderr)}"
            m.runs.append(Run(total, peak or None, tree or None, procs, max(rcs), "", ""))
            _say(f"[{self.size}] {name} {i + 1}/{self.args.repeat}: {total:.3f} s over {len(batches)} calls, "
                 f"{peak / 1024:.0f} MiB")
        return m

    # ---- the whole size --------------------------------------------------------------

    def run(self) -> None:
        self.load_before, source_before = _loadavg(), source_digest()
        try:
            self._run()
        finally:
            self.load_after, self.source = _loadavg(), source_digest()
            if self.source != source_before:
                self.notes.append(f"the tool's source (src/ilo_engage) changed while this size was measured "
                                  f"({source_before} → {self.source}): its rows may mix two versions")

    def _run(self) -> None:
        tools, ilo, py = self.tools, self.tools["ilo-engage"], self.tools["python"]
        ds, clean = self.dataset(clean=False), self.dataset(clean=True)
        self.ds, self.clean = ds, clean
        self.manifest = json.loads((ds / "bench-manifest.json").read_text(encoding="utf-8"))
        files = sorted(p.relative_to(ds).as_posix() for p in (ds / "data").rglob("*.yaml"))
        self.file_count = len(files)
        self.total_bytes = sum((ds / f).stat().st_size for f in files)
        for root in (ds, clean):  # every measurement starts with the files in the OS page cache
            for p in (root / "data").rglob("*.yaml"):
                p.read_bytes()

        # Baselines
        if tools.get("pyyaml"):
            self.measure("floor", "parse floor (PyYAML CSafeLoader, one process)",
                         [py, tools["parse_floor"], str(ds)], ds)
        else:
            self.results["floor"] = Measurement("parse floor (PyYAML CSafeLoader, one process)",
                                                skipped="PyYAML with libyaml is not installed in the venv")
        self.measure_check_jsonschema(files)
        self.measure("typer", "minimal Typer app --help", [py, tools["minimal_typer"], "--help"], ds)
        self.measure("help", "ilo-engage --help", [ilo, "--help"], ds)

        # validate: cold, warm, warm with one file changed
        no_cache = ["--no-cache"] if tools["no_cache"] else []
        cold = self.measure("cold", f"validate{' --no-cache' if no_cache else ''} (cold)",
                            [ilo, "validate", *no_cache], ds, ok=(1,),
                            before=lambda i: shutil.rmtree(ds / TOOL_CACHE, ignore_errors=True),
                            keep_first_stdout=True)
        if cold.runs:
            self.check_problems(cold.runs[0].stdout)
        prime = self.runner.run([ilo, "validate"], ds)
        _say(f"[{self.size}] priming validate: {prime.seconds:.3f} s, exit {prime.rc}")
        self.measure("warm", "validate (warm, nothing changed)", [ilo, "validate"], ds, ok=(1,))
        self.measure_one_file_changed(ilo, ds)

        sample = self.manifest["sample"]
        self.measure("add", "add-contact --no-input … --dry-run (warm)",
                     [ilo, "add-contact", "--no-input", "--enterprise", sample["enterprise"], "--initiated-by",
                      "management", "--subject", "x", "--topic", sample["topic"], "--country", sample["country"],
                      "--dry-run"], ds)

        # Reports refuse data with errors: they run on the clean twin (same records, planted problems fixed).
        prime = self.runner.run([ilo, "validate"], clean)
        _say(f"[{self.size}] priming validate on the clean twin: {prime.seconds:.3f} s, exit {prime.rc}")
        if prime.rc != 0:
            self.notes.append(f"the clean twin does not validate (exit {prime.rc}): {_first_line(prime.stdout or prime.stderr)}")
        out_dir = Path(tempfile.mkdtemp(prefix="ilo-bench-report-"))
        try:
            self.measure_reads(ilo, clean)
            self.measure_import_export(ilo, clean, out_dir)
            self.measure("due", "due --format csv (clean twin, every unit's worklist)",
                         [ilo, "due", "--format", "csv"], clean)
            self.measure_site(ilo, clean, out_dir)
            if not (self.selected("md") or self.selected("docx")):
                return
            self.measure("md", "report progress --format md (clean twin, warm)",
                         [ilo, "report", "progress", "--format", "md", "--output", str(out_dir / "x.md"), "--force"], clean)
            probe = self.runner.run([ilo, "report", "progress", "--format", "docx", "--output",
                                     str(out_dir / "probe.docx")], clean)
            if probe.rc == 0:
                self.measure("docx", "report progress --format docx (clean twin, warm)",
                             [ilo, "report", "progress", "--format", "docx", "--output", str(out_dir / "x.docx"),
                              "--force"], clean)
            else:
                self.results["docx"] = Measurement(
                    "report progress --format docx", skipped=f"docx unavailable: exit {probe.rc}: "
                    f"{_first_line(probe.stderr)}")
        finally:
            shutil.rmtree(out_dir, ignore_errors=True)

    def measure_reads(self, ilo: str, clean: Path) -> None:
        """The read commands, warm (the priming validate built the store), on the clean twin."""
        sample = self.manifest["sample"]
        enterprise = sample["enterprise"]
        word = enterprise.split("-")[0]
        self.measure("find", f"find {word} (warm)", [ilo, "find", word], clean, ok=(0, 1))
        self.measure("show", "show ENTERPRISE (warm)", [ilo, "show", enterprise], clean)
        self.measure("route", "route … --enterprise ENTERPRISE (warm)",
                     [ilo, "route", "--initiated-by", "management", "--topic", sample["topic"], "--country",
                      sample["country"], "--enterprise", enterprise], clean)
        self.measure("register", "register --format json (warm)", [ilo, "register", "--format", "json"], clean)

    def measure_import_export(self, ilo: str, clean: Path, out_dir: Path) -> None:
        """`import` of IMPORT_ROWS rows (dry run: every row read, converted, deduplicated against the
        register and each other, and checked; then written, the files removed before each run) and
        `export sqlite` of the whole clean twin (warm)."""
        from import_rows import write as write_rows

        sheet, mapping = write_rows(out_dir / "import", IMPORT_ROWS)
        command = [ilo, "import", "enterprises", str(sheet), "--mapping", str(mapping)]
        self.measure("import-dry", f"import enterprises, {IMPORT_ROWS:,} rows --dry-run (clean twin, warm)",
                     [*command, "--dry-run"], clean)
        folder = clean / "data" / "registers" / "enterprises"
        moved = out_dir / "imported"  # removed with out_dir, once everything of this size is measured

        def remove_imported(run: int) -> None:
            # Moved out of the dataset, not deleted: on ext4 without a journal (this machine's disk)
            # inodes freed in the last minutes are skipped one by one by every new file's
            # allocation, which made the next run's 10,000 new files cost seconds of system time.
            (moved / str(run)).mkdir(parents=True, exist_ok=True)
            for path in folder.glob("*.yaml"):
                if b"imported_from:" in path.read_bytes():
                    try:
                        path.rename(moved / str(run) / path.name)
                    except OSError:  # out_dir on another filesystem
                        path.unlink()
        self.measure("import", f"import enterprises, {IMPORT_ROWS:,} rows, written (clean twin, warm)",
                     command, clean, before=remove_imported)
        remove_imported(self.args.repeat)
        self.runner.run([ilo, "validate"], clean)  # the store back as it was, for what follows
        self.measure("export", "export sqlite (clean twin, warm)",
                     [ilo, "export", "sqlite", str(out_dir / "export.db"), "--force"], clean)

    def measure_check_jsonschema(self, files: list[str]) -> None:
        name = "check-jsonschema (one call per kind, batched)"
        cjs = self.tools.get("check-jsonschema")
        if not cjs:
            self.results["cjs"] = Measurement(name, skipped="check-jsonschema is not installed")
            return
        schemas = Path(tempfile.mkdtemp(prefix="ilo-bench-schemas-"))
        try:
            done = subprocess.run([self.tools["ilo-engage"], "schema", "--output", str(schemas)], cwd=self.ds,
                                  env=self.runner.env, capture_output=True, text=True)
            if done.returncode != 0:
                self.results["cjs"] = Measurement(name, skipped=f"`ilo-engage schema` failed: {_first_line(done.stderr)}")
                return
            batches = []
            for kind, location in KIND_LOCATIONS:
                mine = [f for f in files if f == location or f.startswith(location + "/")]
                schema = schemas / f"{kind}.schema.json"
                if not mine:
                    continue
                if not schema.exists():
                    self.notes.append(f"no exported schema for `{kind}`: its {len(mine)} files were not checked by check-jsonschema")
                    continue
                batches += [[cjs, "--schemafile", str(schema), *chunk] for chunk in _chunks(mine, 100_000)]
            self.measure_batches("cjs", name, batches, self.ds)
        finally:
            shutil.rmtree(schemas, ignore_errors=True)

    def measure_site(self, ilo: str, clean: Path, out_dir: Path) -> None:
        """The staff web site: a full build into a new folder, and a rebuild after one contact changed."""
        site = out_dir / "site"
        self.measure("site", "site --output DIR (clean twin, full build into a new folder)",
                     [ilo, "site", "--output", str(site)], clean,
                     before=lambda i: shutil.rmtree(site, ignore_errors=True))
        if not self.selected("site-changed"):
            self.results["site-changed"] = Measurement("site rebuild", skipped="not selected (--only)")
            return
        if not site.exists():
            self.runner.run([ilo, "site", "--output", str(site)], clean)
        self.one_contact_changed(clean, "site-changed", "site --output DIR (rebuild, one contact's subject changed)",
                                 [ilo, "site", "--output", str(site)], ok=(0,))

    def measure_one_file_changed(self, ilo: str, ds: Path) -> None:
        self.one_contact_changed(ds, "changed", "validate (warm, one contact's subject changed)", [ilo, "validate"],
                                 ok=(1,))

    def one_contact_changed(self, ds: Path, key: str, name: str, cmd: list[str], ok: tuple[int, ...]) -> None:
        """Time `cmd` after rewriting one contact's subject before each run; the file restored after."""
        relpath = self.manifest["sample"]["contact"]
        path = ds / relpath
        original = path.read_text(encoding="utf-8")
        match = re.search(r"(?m)^subject: (?!>)(.*)$", original)
        restore = ds / "bench-restore.json"
        restore.write_text(json.dumps({"file": relpath, "text": original}), encoding="utf-8")

        def rewrite(i: int) -> None:
            stamp = f"revision {i + 1} of the benchmark"
            if match:
                text = original[:match.start(1)] + f"{match.group(1)[:60]} ({stamp})" + original[match.end(1):]
            else:  # a folded subject: replace the whole block
                text = re.sub(r"(?ms)^subject: >-\n(?:  .*\n)+", f"subject: Benchmark subject ({stamp})\n", original)
            path.write_text(text, encoding="utf-8", newline="")

        try:
            self.measure(key, name, cmd, ds, ok=ok, before=rewrite)
        finally:
            path.write_text(original, encoding="utf-8", newline="")
            restore.unlink(missing_ok=True)

    def check_problems(self, stdout: str) -> None:
        """Compare the problems cold validate printed with what generate.py planted."""
        found = Counter(re.findall(r"(?m)^\S+:\d+:\d+: ([A-Z]\d{3}) ", stdout))
        # Overdue steps depend on the day the benchmark runs, not on what was planted: counted apart.
        overdue = sum(found.pop(code, 0) for code in ("R015", "R016", "R017", "R018", "R019"))
        expected = Counter(item["code"] for item in self.manifest["routing_breaches"])
        expected.update(code for item in self.manifest["other_errors"] for code in PLANTED_CODES.get(item["error"], ("?",)))
        missing = {code: n - found[code] for code, n in expected.items() if found[code] < n}
        extra = {code: n - expected[code] for code, n in found.items() if n > expected[code]}
        summary = ", ".join(f"{c}×{n}" for c, n in sorted(found.items())) or "none"
        self.problems_line = (f"validate reported {summary} (and {overdue} overdue steps); planted "
                              f"{', '.join(f'{c}×{n}' for c, n in sorted(expected.items()))}")
        if missing:
            self.notes.append("planted problems NOT reported by validate: "
                              + ", ".join(f"{c}×{n}" for c, n in sorted(missing.items())))
        if extra:
            self.notes.append("reported beyond the planted ones: " + ", ".join(f"{c}×{n}" for c, n in sorted(extra.items())))

    # ---- the report --------------------------------------------------------------------

    def markdown(self) -> str:
        r = self.results
        floor = r.get("floor").median if r.get("floor") else None
        cjs = r.get("cjs").median if r.get("cjs") else None
        m = self.manifest
        lines = [
            f"## {self.size:,} records",
            "",
            f"Dataset `{self.ds}`: {self.file_count:,} YAML files ({m['files_generated']:,} generated + copied "
            f"units, vocabularies and report text), {self.total_bytes / 1e6:.1f} MB, "
            f"{m['mean_bytes_per_record']:.0f} bytes per generated record. {getattr(self, 'problems_line', '')}. "
            f"Load average (1 min) {getattr(self, 'load_before', '?')} before, {getattr(self, 'load_after', '?')} after. "
            f"Source digest {getattr(self, 'source', '?')}.",
            "",
        ]
        show_tree = any(x.tree_mib for x in r.values())
        head = "| measurement | median s | peak MiB |" + (" all processes MiB |" if show_tree else "") + \
            " × parse floor | × check-jsonschema | runs (s) |"
        lines += [head, "|" + "---|" * (head.count("|") - 1)]
        order = ("floor", "cjs", "typer", "help", "cold", "warm", "changed", "add", "find", "show", "route", "due",
                 "register", "import-dry", "import", "export", "md", "docx", "site", "site-changed")
        for key in order:
            x = r.get(key)
            if x is None:
                continue
            if x.skipped:
                cells = [x.name, "skipped", "", *([""] if show_tree else []), "", "", x.skipped]
            else:
                cells = [x.name + (f" ⚠ {x.note}" if x.note else ""), f"{x.median:.3f}", _num(x.peak_mib, 0),
                         *([_num(x.tree_mib, 0)] if show_tree else []),
                         _ratio(x.median, floor), _ratio(x.median, cjs),
                         ", ".join(f"{run.seconds:.3f}" for run in x.runs)]
            lines.append("| " + " | ".join(cells) + " |")
        lines += ["", "Targets:", ""]
        lines += [f"- {t}" for t in self.targets(floor, cjs)]
        if self.notes:
            lines += ["", "Notes:", ""] + [f"- {n}" for n in self.notes]
        return "\n".join(lines) + "\n"

    def targets(self, floor: float | None, cjs: float | None) -> list[str]:
        r = self.results
        out = []

        def check(label: str, value: float | None, limit: float | None, factor: float, unit: str, applies: bool,
                  scope: str, base: str) -> None:
            if value is None or limit is None:
                out.append(f"{label}: n/a (a measurement is missing)")
                return
            bound = limit * factor
            verdict = ("PASS" if value <= bound else "FAIL") if applies else f"info only (target applies {scope})"
            shown = f"{value / limit:.2f}× {base}" if unit == "ratio" else f"{value:.0f} MiB"
            out.append(f"{label}: {shown} → **{verdict}**")

        def median(key: str) -> float | None:
            return r[key].median if key in r and not r[key].skipped else None

        big, huge = self.size >= 10_000, self.size >= 100_000
        # The targets of the issue "every command fast on a decade of records".
        check("cold validate ≤ 0.6 × parse floor", median("cold"), floor, 0.6, "ratio", big, "at 10k and 100k", "floor")
        check("cold validate ≤ 0.5 × check-jsonschema", median("cold"), cjs, 0.5, "ratio", big, "at 10k and 100k",
              "check-jsonschema")
        check("warm validate, nothing changed ≤ 0.05 × parse floor", median("warm"), floor, 0.05, "ratio", huge,
              "at 100k", "floor")
        check("warm validate, one file changed ≤ 0.07 × parse floor", median("changed"), floor, 0.07, "ratio", huge,
              "at 100k", "floor")
        check("add-contact --dry-run ≤ 0.07 × parse floor", median("add"), floor, 0.07, "ratio", huge, "at 100k", "floor")
        for key in ("find", "show", "route", "due"):
            check(f"{key} (warm) ≤ 0.07 × parse floor", median(key), floor, 0.07, "ratio", huge, "at 100k", "floor")
        check("register --format json (warm) ≤ 0.25 × parse floor", median("register"), floor, 0.25, "ratio", huge,
              "at 100k", "floor")
        check("report progress --format md (warm) ≤ 0.25 × parse floor", median("md"), floor, 0.25, "ratio", huge,
              "at 100k", "floor")
        cold = r.get("cold")
        # With worker processes, their summed RSS counts; else the single process's peak.
        peak = (cold.tree_mib or cold.peak_mib) if cold and not cold.skipped else None
        check("cold validate peak ≤ 150 MiB", peak, 1.0, 150, "MiB", huge, "at 100k", "")
        check("site, full build ≤ 1.0 × parse floor", median("site"), floor, 1.0, "ratio", huge, "at 100k", "floor")
        check("site, rebuild after one change ≤ 0.1 × parse floor", median("site-changed"), floor, 0.1, "ratio", huge,
              "at 100k", "floor")
        check(f"import of {IMPORT_ROWS:,} rows ≤ 1.0 × parse floor", median("import"), floor, 1.0, "ratio", big,
              "at 10k and 100k", "floor")
        check("export sqlite ≤ 1.0 × parse floor", median("export"), floor, 1.0, "ratio", huge, "at 100k", "floor")
        check("ilo-engage --help ≤ 1.2 × minimal Typer app --help", median("help"), median("typer"), 1.2, "ratio", True,
              "", "the minimal app")
        return out


def _loadavg() -> str:
    try:
        return Path("/proc/loadavg").read_text().split()[0]
    except (OSError, IndexError):
        return "?"


def _chunks(items: list[str], max_chars: int) -> list[list[str]]:
    """Split arguments as xargs does, so no call passes the kernel's argument-length limit."""
    chunks, current, size = [], [], 0
    for item in items:
        if current and size + len(item) + 1 > max_chars:
            chunks.append(current)
            current, size = [], 0
        current.append(item)
        size += len(item) + 1
    if current:
        chunks.append(current)
    return chunks


def _first_line(text: str) -> str:
    lines = [line.strip() for line in (text or "").strip().splitlines() if line.strip()]
    return (lines[-1] if lines and lines[-1].startswith("ilo-engage:") else lines[0] if lines else "")[:240]


def _num(value: float | None, digits: int) -> str:
    return "" if value is None else f"{value:.{digits}f}"


def _ratio(value: float | None, base: float | None) -> str:
    return "" if value is None or not base else f"{value / base:.2f}×"


def source_digest() -> str:
    """A digest of the tool's source files, to tell which version of the code a table measured."""
    digest = hashlib.sha256()
    for path in sorted((PROJECT / "src" / "ilo_engage").rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(PROJECT).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def generator_fingerprint() -> str:
    """Changes when the generator or the files it copies change, so a stale dataset is not reused."""
    digest = hashlib.sha256()
    inputs = [BENCH / "generate.py", PROJECT / "ilo-engage.toml", PROJECT / "data" / "topics.yaml",
              PROJECT / "data" / "regions.yaml", PROJECT / "data" / "reports" / "progress.yaml",
              *sorted((PROJECT / "data" / "units").glob("*.yaml"))]
    for path in inputs:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


# --------------------------------------------------------------------------------------
# The machine and the tools
# --------------------------------------------------------------------------------------

def find_tools(cache: Path, env: dict[str, str], notes: list[str]) -> dict:
    here = Path(sys.executable).parent
    bin_dir = here if (here / "ilo-engage").exists() else PROJECT / ".venv" / "bin"
    ilo = bin_dir / "ilo-engage"
    if not ilo.exists():
        raise SystemExit(f"ilo-engage not found in {bin_dir}: install the project first (see README.md)")
    python = bin_dir / "python"
    tools: dict = {"ilo-engage": str(ilo), "python": str(python if python.exists() else sys.executable)}
    cjs = bin_dir / "check-jsonschema"
    tools["check-jsonschema"] = str(cjs) if cjs.exists() else shutil.which("check-jsonschema")
    if not tools["check-jsonschema"]:
        notes.append("check-jsonschema is not installed (`.venv/bin/pip install check-jsonschema`): "
                     "its baseline and ratios are missing")
    probe = subprocess.run([tools["python"], "-c", "import yaml; yaml.CSafeLoader"], capture_output=True, env=env)
    tools["pyyaml"] = probe.returncode == 0
    if not tools["pyyaml"]:
        notes.append("PyYAML with its C loader is not importable in the venv (`.venv/bin/pip install pyyaml`): "
                     "the parse floor and its ratios are missing")
    cache.mkdir(parents=True, exist_ok=True)
    for key, name, text in (("parse_floor", "parse_floor.py", PARSE_FLOOR), ("minimal_typer", "minimal_typer_app.py", MINIMAL_TYPER)):
        path = cache / name
        path.write_text(text, encoding="utf-8")
        tools[key] = str(path)
    # Does `validate` take --no-cache yet?
    helptext = subprocess.run([str(ilo), "validate", "--help"], capture_output=True, text=True, env=env,
                              cwd=PROJECT).stdout
    tools["no_cache"] = "--no-cache" in helptext
    if not tools["no_cache"]:
        notes.append("`ilo-engage validate` does not accept `--no-cache` yet: the cold runs ran `validate` "
                     f"without it, each after deleting `{TOOL_CACHE}/` from the dataset")
    return tools


def warm_up(args: argparse.Namespace, tools: dict, runner: Runner) -> None:
    """Run every command once, untimed, on a tiny dataset: the bytecode of every module they
    import is then compiled (under PYTHONPYCACHEPREFIX) before anything is timed."""
    tiny = SizeBench(args, tools, runner, 50, [])
    ds, clean = tiny.dataset(clean=False), tiny.dataset(clean=True)
    ilo, py = tools["ilo-engage"], tools["python"]
    sample = json.loads((ds / "bench-manifest.json").read_text(encoding="utf-8"))["sample"]
    scratch = Path(tempfile.mkdtemp(prefix="ilo-bench-warmup-"))
    try:
        commands = [([py, tools["minimal_typer"], "--help"], ds), ([ilo, "--help"], ds), ([ilo, "validate"], ds),
                    ([ilo, "add-contact", "--no-input", "--enterprise", sample["enterprise"], "--initiated-by",
                      "management", "--subject", "x", "--topic", sample["topic"], "--country", sample["country"],
                      "--dry-run"], ds),
                    ([ilo, "schema", "--output", str(scratch / "schemas")], ds),
                    ([ilo, "report", "progress", "--format", "md", "--output", str(scratch / "x.md")], clean),
                    ([ilo, "report", "progress", "--format", "docx", "--output", str(scratch / "x.docx")], clean)]
        if tools.get("pyyaml"):
            commands.append(([py, tools["parse_floor"], str(ds)], ds))
        if tools.get("check-jsonschema"):
            commands.append(([tools["check-jsonschema"], "--schemafile", str(scratch / "schemas" / "unit.schema.json"),
                              "data/units/act-emp.yaml"], ds))
        start = time.perf_counter()
        for cmd, cwd in commands:
            runner.run(cmd, cwd)
        _say(f"warm-up (bytecode) done in {time.perf_counter() - start:.1f} s")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def find_gnu_time(notes: list[str]) -> str | None:
    candidate = shutil.which("time") or ("/usr/bin/time" if Path("/usr/bin/time").exists() else None)
    if candidate:
        with tempfile.NamedTemporaryFile() as out:
            done = subprocess.run([candidate, "-f", "%e %M", "-o", out.name, "true"], capture_output=True)
            if done.returncode == 0 and Path(out.name).read_text().strip():
                return candidate
    notes.append("GNU time not found (install it with `apt-get install time`): peak memory is the child's "
                 "VmHWM polled from /proc every 20 ms")
    return None


def machine() -> list[str]:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:
        cpus = os.cpu_count() or 0
    memory = ""
    try:
        kib = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        memory = f", {kib / 1024 / 1024:.1f} GiB RAM"
    except (OSError, AttributeError):
        pass
    return [f"machine: {cpus} CPUs (nproc), {model}{memory}, {platform.system()} {platform.release()}",
            f"Python {platform.python_version()} ({sys.executable})"]


def project_version() -> str:
    version = "?"
    match = re.search(r'(?m)^version = "([^"]+)"', (PROJECT / "pyproject.toml").read_text(encoding="utf-8"))
    if match:
        version = match.group(1)
    try:  # read-only: never a git command that changes anything (not even `git status`'s index refresh)
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=PROJECT, capture_output=True,
                                text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        commit = ""
    return f"ilo-engage {version}" + (f" at commit {commit} (plus any uncommitted changes in the working tree)" if commit else "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="record counts, comma-separated")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per measurement (the median is reported)")
    parser.add_argument("--out", type=Path, default=BENCH / "results.md", help="Markdown report to write")
    parser.add_argument("--seed", type=int, default=1, help="seed of the generated datasets")
    parser.add_argument("--cache-dir", default=os.environ.get("ILO_ENGAGE_BENCH_CACHE", "/tmp/ilo-engage-bench"),
                        help="where generated datasets are kept and reused (default /tmp/ilo-engage-bench)")
    parser.add_argument("--only", default="", help="measure only these, comma-separated (floor always runs): "
                        "cjs, typer, help, cold, warm, changed, add, find, show, route, due, register, import-dry, import, export, md, docx, site, site-changed")
    args = parser.parse_args(argv)
    args.only = {k.strip() for k in args.only.split(",") if k.strip()}
    try:
        sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        parser.error("--sizes takes numbers such as 1000,10000")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    notes: list[str] = []
    # Children use compiled bytecode as an installed tool would, kept under the cache folder so
    # that nothing is written into the project (PYTHONDONTWRITEBYTECODE would recompile every run).
    pycache = Path(args.cache_dir) / "pycache"
    env = {k: v for k, v in os.environ.items()
           if k not in ("ILO_ENGAGE_ROOT", "GITHUB_STEP_SUMMARY", "PYTHONDONTWRITEBYTECODE")}
    env.update({"NO_COLOR": "1", "COLUMNS": "200", "TERM": "dumb", "PYTHONUNBUFFERED": "1",
                "PYTHONPYCACHEPREFIX": str(pycache)})
    gnu_time = find_gnu_time(notes)
    tools = find_tools(Path(args.cache_dir), env, notes)
    runner = Runner(gnu_time, env)
    warm_up(args, tools, runner)

    header = ["# ilo-engage benchmark", "",
              f"- date: {datetime.now().strftime('%Y-%m-%d %H:%M')}",
              *(f"- {line}" for line in machine()),
              f"- {project_version()}; digest of src/ilo_engage at start {source_digest()}",
              f"- {args.repeat} timed runs per measurement (median); wall clock from the harness; peak memory "
              + ("from GNU time `%M` (max RSS of the largest single process)" if gnu_time else "from VmHWM polling")
              + "; generated datasets with seed " + str(args.seed) + f" under `{args.cache_dir}`",
              "- the OS file cache is warm for every measurement (all files are read once before timing); "
              "\"cold\" means without the tool's own cache"
              + (" (`validate --no-cache`, after deleting `" + TOOL_CACHE + "/`)" if tools["no_cache"] else ""),
              f"- Python bytecode is compiled once (an untimed warm-up) and kept under `{pycache}` "
              "(PYTHONPYCACHEPREFIX; PYTHONDONTWRITEBYTECODE unset for the timed commands)",
              f"- load average at start: {_loadavg()} (other work on the machine inflates and scatters the times)"]
    preamble = "\n".join(header) + "\n" + ("\nNotes:\n\n" + "\n".join(f"- {n}" for n in notes) + "\n" if notes else "")
    print(preamble, flush=True)
    sections = []
    for size in sizes:
        bench = SizeBench(args, tools, runner, size, notes)
        try:
            bench.run()
        except KeyboardInterrupt:
            _say("interrupted")
            if not bench.results:
                break
            bench.notes.append("interrupted before every measurement ran")
            sections.append(bench.markdown())
            break
        section = bench.markdown()
        sections.append(section)
        print(section, flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(preamble + "\n" + "\n".join(sections), encoding="utf-8")
    _say(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
