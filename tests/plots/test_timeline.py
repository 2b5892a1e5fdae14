#!/usr/bin/python3
"""plots/timeline.py on a small run's trace: both files written, valid PNG and SVG,
and a malformed trace is an error naming the file and line. Exit 77 (skipped)
when matplotlib is not installed."""
import os
import shutil
import subprocess
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
script = os.path.join(here, "..", "..", "plots", "timeline.py")

try:
    import matplotlib  # noqa: F401
except ImportError:
    print("matplotlib is not installed: skipped")
    sys.exit(77)

with tempfile.TemporaryDirectory() as tmp:
    for name in ("trace.log", "summary.json"):
        shutil.copy(os.path.join(here, "fixture", name), tmp)
    out = os.path.join(tmp, "t.png")
    subprocess.run([sys.executable, script, os.path.join(tmp, "trace.log"), "-o", out], check=True)
    with open(out, "rb") as f:
        assert f.read(8) == b"\x89PNG\r\n\x1a\n", "not a PNG"
    with open(os.path.join(tmp, "t.svg"), encoding="utf-8") as f:
        head = f.read(200)
        assert "<svg" in head or "<?xml" in head, "not an SVG"

    bad = os.path.join(tmp, "bad.log")
    with open(bad, "w", encoding="utf-8") as f:
        f.write("   1.000000000 pc link eth0 down\nnot a trace line\n")
    r = subprocess.run([sys.executable, script, bad, "-o", out], capture_output=True, text=True)
    assert r.returncode != 0
    assert f"{bad}:2: error: not a trace line" in r.stderr, r.stderr
print("1 passed, 0 failed")
