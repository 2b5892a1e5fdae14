#!/usr/bin/python3
"""Data packets lost over time by reason: stacked bars per loss.csv bin over
the whole run, plus a zoomed panel for each burst of loss (up to three) when
the bursts are short next to the run, with the scripted events marked.

Usage: plots/loss.py RUN_DIR [-o PNG]   (default RUN_DIR/plots/loss.png)
Reads loss.csv, summary.json, and convergence.csv if present (events).
"""
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mhplot  # noqa: E402

# Every drop reason mhsim knows (net::DropReason, docs/output.md), a fixed
# colour each so the same reason looks the same in every run's plot. Columns
# not named here still draw, in grey shades.
COLOURS = {
    "no_route": "#7f8c8d", "ttl_expired": "#8e44ad", "link_down": "#c0392b",
    "queue_full": "#e67e22", "loss": "#f1c40f", "silent": "#34495e",
    "mtu_exceeded": "#16a085", "mtu": "#16a085", "discard": "#2c3e50",
    "node_down": "#d35400", "service_down": "#27ae60", "no_listener": "#2980b9",
}
MAX_ZOOMS = 3


def read_loss(path):
    """(bin width, [reason], [(start_s, {reason: n})])."""
    header, rows = mhplot.read_csv(path, ["time_s", "total"])
    reasons = [c for c in header if c not in ("time_s", "total")]
    bins = []
    for n, row in enumerate(rows, 2):
        counts = {r: mhplot.number(path, n, row, r) or 0.0 for r in reasons}
        bins.append((mhplot.number(path, n, row, "time_s"), counts))
    # Rounded to the nanosecond: 60.1 - 60.0 is not 0.1 in binary.
    width = round(min((b[0] - a[0] for a, b in zip(bins, bins[1:])), default=1.0), 9)
    return width, reasons, bins


def bursts(bins, width, gap_s):
    """[(first, last)] start times of runs of lossy bins closer than gap_s."""
    lossy = [t for t, c in bins if sum(c.values()) > 0]
    runs = []
    for t in lossy:
        if runs and t - runs[-1][1] <= gap_s:
            runs[-1][1] = t
        else:
            runs.append([t, t])
    return [(a, b + width) for a, b in runs]


def rebin(bins, width, end):
    """Bins at least end/200 wide (1, 2 or 5 times a power of ten times the
    file's bin), so that a burst stays visible over a long run."""
    factor = next(f * 10 ** k for k in range(12) for f in (1, 2, 5) if width * f * 10 ** k >= end / 200)
    if factor == 1:
        return width, bins
    merged = {}
    for t, c in bins:
        start = int(t / (width * factor) + 1e-9) * width * factor
        into = merged.setdefault(round(start, 9), dict.fromkeys(c, 0.0))
        for r, n in c.items():
            into[r] += n
    return width * factor, sorted(merged.items())


def stacked(ax, bins, reasons, width, lo=None, hi=None):
    shown = [(t, c) for t, c in bins if (lo is None or t + width > lo) and (hi is None or t < hi)]
    bottom = [0.0] * len(shown)
    for r in reasons:
        heights = [c[r] for _, c in shown]
        if not any(heights):
            continue
        # Only the bins with loss become bars: a run of 1,800 bins would
        # otherwise put thousands of empty rectangles in the SVG.
        some = [i for i, h in enumerate(heights) if h]
        ax.bar([shown[i][0] for i in some], [heights[i] for i in some], width=width,
               bottom=[bottom[i] for i in some], align="edge",
               color=COLOURS.get(r, "#aaaaaa"), label=r, linewidth=0)
        bottom = [b + h for b, h in zip(bottom, heights)]
    ax.set_ylim(0, max(bottom + [1]) * 1.15)
    ax.grid(axis="y", linestyle=":", linewidth=0.6)


def draw(plt, run_dir, output=None):
    path = os.path.join(run_dir, "loss.csv")
    summary = mhplot.read_summary(run_dir)
    events = mhplot.read_convergence(run_dir, summary)
    width, reasons, bins = read_loss(path)
    end = float(summary.get("end_time_s") or (bins[-1][0] + width if bins else 1.0))
    total = sum(sum(c.values()) for _, c in bins)
    runs = bursts(bins, width, gap_s=max(2.0, 20 * width))
    zooms = runs[:MAX_ZOOMS] if runs and all(b - a < 0.1 * end for a, b in runs) else []

    fig = plt.figure(figsize=(11, 3.6 + (3.0 if zooms else 0)))
    grid = fig.add_gridspec(2 if zooms else 1, max(len(zooms), 1),
                            height_ratios=[1, 1] if zooms else [1])
    ax = fig.add_subplot(grid[0, :])
    coarse, overview = rebin(bins, width, end)
    per = f"per {mhplot.fmt_duration(width)}"
    stacked(ax, overview, reasons, coarse)
    ax.set_xlim(0, end)
    ax.set_xlabel("simulated time (s)")
    ax.set_ylabel(f"packets lost per {mhplot.fmt_duration(coarse)}")
    if total == 0:
        ax.text(0.5, 0.5, "no data packet was lost", transform=ax.transAxes, ha="center",
                va="center", fontsize=12, color="#555555")
    else:
        ax.legend(title="reason", loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    for i, (a, b) in enumerate(zooms):
        # A margin of a few bins around the burst shows where it starts and ends.
        margin = max(3 * width, 0.25 * (b - a))
        lo, hi = max(0.0, a - margin), min(end, b + margin)
        z = fig.add_subplot(grid[1, i])
        stacked(z, bins, reasons, width, lo, hi)
        mhplot.mark_events(z, [e for e in events if lo <= e["at_s"] <= hi], label=False)
        z.set_xlim(lo, hi)
        lost = int(sum(sum(c.values()) for t, c in bins if a <= t < b))
        z.set_title(f"zoom {a:g}-{b:g} s: {lost:,} packets", fontsize=10)
        z.set_xlabel("simulated time (s)")
        z.set_ylabel(f"lost {per}")
    fig.suptitle(f"{mhplot.scenario_name(summary, run_dir)}: data packets lost by reason "
                 f"({int(total):,} in all)")
    fig.tight_layout()  # first, so the event labels see the final axes width
    mhplot.mark_events(ax, events)
    fig.tight_layout()  # again: tight_layout makes room for the labels above the axes
    return mhplot.save(fig, mhplot.default_output(run_dir, "loss", output))


if __name__ == "__main__":
    mhplot.standalone("plots/loss.py", draw, __doc__.splitlines()[0])
