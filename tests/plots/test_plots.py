#!/usr/bin/python3
"""plots/plot_all.py on the hand-made fixture run (tests/plots/fixture/run)
and on a real seed-lab run (`mhsim run --plots`, when the mhsim binary is
given as argv[1]): every plot is written as a valid PNG and SVG, the files
the scripts read have the columns they need, a missing column is an error
naming the file and column, and a missing matplotlib is one line with the
apt command and exit status 3. Exit 77 (skipped) when matplotlib is not
installed."""
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

here = os.path.dirname(os.path.abspath(__file__))
source = os.path.normpath(os.path.join(here, "..", ".."))
plots = os.path.join(source, "plots")
plot_all = os.path.join(plots, "plot_all.py")
mhsim = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else None

try:
    import matplotlib  # noqa: F401
except ImportError:
    print("matplotlib is not installed: skipped")
    sys.exit(77)

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, plots)
import ecmp  # noqa: E402
import link_load  # noqa: E402
import mhplot  # noqa: E402

NAMES = ["topology", "link_load", "convergence", "loss", "ecmp", "timeline"]
# What mhsim writes and the scripts read (docs/output.md): the drop reasons
# are net::DropReason's names in enum order.
LOSS_COLUMNS = ["time_s", "no_route", "ttl_expired", "link_down", "queue_full", "loss", "silent",
                "mtu_exceeded", "discard", "node_down", "service_down", "no_listener", "total"]
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print("FAILED:", message)


def header(path):
    with open(path, encoding="utf-8") as f:
        return f.readline().rstrip("\n").split(",")


def check_columns(run_dir):
    """Every column the scripts need is in the run's files."""
    wanted = {"link_load.csv": link_load.COLUMNS, "ecmp.csv": ecmp.COLUMNS,
              "convergence.csv": mhplot.CONVERGENCE_COLUMNS, "loss.csv": ["time_s", "total"]}
    for name, columns in wanted.items():
        have = header(os.path.join(run_dir, name))
        missing = [c for c in columns if c not in have]
        check(not missing, f"{run_dir}/{name}: missing columns {missing} (header {have})")
    loss = header(os.path.join(run_dir, "loss.csv"))
    check(loss[0] == "time_s" and loss[-1] == "total" and set(LOSS_COLUMNS) <= set(loss),
          f"{run_dir}/loss.csv: header {loss}, expected {LOSS_COLUMNS}")


def check_plots(run_dir):
    """Each plot is a PNG (magic bytes) and an SVG (XML with an <svg> root)."""
    for name in NAMES:
        png = os.path.join(run_dir, "plots", name + ".png")
        svg = os.path.join(run_dir, "plots", name + ".svg")
        check(os.path.exists(png), f"{png} not written")
        check(os.path.exists(svg), f"{svg} not written")
        if os.path.exists(png):
            with open(png, "rb") as f:
                check(f.read(8) == b"\x89PNG\r\n\x1a\n", f"{png}: not a PNG")
            check(os.path.getsize(png) < 400_000, f"{png}: {os.path.getsize(png)} bytes")
        if os.path.exists(svg):
            try:
                root = ET.parse(svg).getroot()
                check(root.tag in ("svg", "{http://www.w3.org/2000/svg}svg"), f"{svg}: root {root.tag}")
            except ET.ParseError as e:
                check(False, f"{svg}: not XML: {e}")


def run(args, **kwargs):
    return subprocess.run(args, capture_output=True, text=True, **kwargs)


with tempfile.TemporaryDirectory() as tmp:
    # 1. The fixture: every plot, every column.
    fixture = os.path.join(tmp, "fixture")
    shutil.copytree(os.path.join(here, "fixture", "run"), fixture)
    r = run([sys.executable, plot_all, fixture])
    check(r.returncode == 0, f"plot_all.py on the fixture: status {r.returncode}: {r.stderr}")
    check("wrote 6 plots (PNG and SVG)" in r.stdout, f"plot_all.py said: {r.stdout}")
    check_plots(fixture)
    check_columns(fixture)

    # 2. The same input gives the same SVG, byte for byte.
    again = os.path.join(tmp, "again.png")
    run([sys.executable, os.path.join(plots, "ecmp.py"), fixture, "-o", again], check=True)
    with open(os.path.join(fixture, "plots", "ecmp.svg"), "rb") as a, open(again[:-4] + ".svg", "rb") as b:
        check(a.read() == b.read(), "ecmp.svg differs between two runs on the same input")

    # 3. A missing column: an error naming the file and the column; the
    # other plots are still drawn.
    broken = os.path.join(tmp, "broken")
    shutil.copytree(os.path.join(here, "fixture", "run"), broken)
    path = os.path.join(broken, "link_load.csv")
    with open(path, encoding="utf-8") as f:
        lines = [",".join(c for i, c in enumerate(line.rstrip("\n").split(",")) if i != 4)
                 for line in f]
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    r = run([sys.executable, plot_all, broken])
    check(r.returncode == 2, f"missing column: status {r.returncode}")
    check(f"{path}: error: missing column 'bytes'" in r.stderr, f"missing column: stderr {r.stderr!r}")
    check("Traceback" not in r.stderr, f"missing column: a traceback: {r.stderr}")
    check(os.path.exists(os.path.join(broken, "plots", "ecmp.png")), "missing column: no other plots")
    check(not os.path.exists(os.path.join(broken, "plots", "link_load.png")), "link_load.png drawn anyway")

    # 4. Not a run directory.
    r = run([sys.executable, plot_all, os.path.join(tmp, "nothing")])
    check(r.returncode == 2 and "no summary.json" in r.stderr, f"no summary.json: {r.returncode} {r.stderr!r}")

    # 5. No matplotlib: a shim on PYTHONPATH whose `import matplotlib` fails.
    shim = os.path.join(tmp, "shim", "matplotlib")
    os.makedirs(shim)
    with open(os.path.join(shim, "__init__.py"), "w", encoding="utf-8") as f:
        f.write("raise ImportError('No module named matplotlib (test shim)')\n")
    env = dict(os.environ, PYTHONPATH=os.path.dirname(shim))
    for script in (plot_all, os.path.join(plots, "timeline.py")):
        target = fixture if script == plot_all else os.path.join(fixture, "trace.log")
        r = run([sys.executable, script, target], env=env)
        check(r.returncode == 3, f"{script} without matplotlib: status {r.returncode}")
        check("apt-get install -y python3-matplotlib" in r.stderr, f"no apt hint: {r.stderr!r}")
        check(r.stderr.count("\n") == 1 and "Traceback" not in r.stderr, f"not one line: {r.stderr!r}")

    # 6. A real run through the CLI: `mhsim run --plots`, `mhsim plot`.
    if mhsim:
        env = dict(os.environ, MHSIM_PLOTS_DIR=plots)
        real = os.path.join(tmp, "seed-lab")
        r = run([mhsim, "run", os.path.join(source, "scenarios", "seed-lab.yaml"), "--out", real,
                 "--quiet", "--plots"], env=env, cwd=tmp)
        check(r.returncode == 0, f"mhsim run --plots: status {r.returncode}: {r.stderr}")
        check_plots(real)
        check_columns(real)
        r = run([mhsim, "plot", fixture], env=env, cwd=tmp)
        check(r.returncode == 0 and "wrote 6 plots" in r.stdout, f"mhsim plot: {r.returncode} {r.stderr}")
        shim_env = dict(env, PYTHONPATH=os.path.dirname(shim))
        r = run([mhsim, "plot", fixture], env=shim_env, cwd=tmp)
        check(r.returncode == 3 and "apt-get install -y python3-matplotlib" in r.stderr,
              f"mhsim plot without matplotlib: {r.returncode} {r.stderr!r}")

print(f"{0 if failures else 1} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
