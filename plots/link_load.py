#!/usr/bin/python3
"""Link load over time: one panel per link, one line per direction (Mbit/s
per link_load.csv interval), drops marked, scripted events as dashed lines.

Usage: plots/link_load.py RUN_DIR [-o PNG]   (default RUN_DIR/plots/link_load.png)
Reads link_load.csv, summary.json, and convergence.csv if present (events).
"""
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mhplot  # noqa: E402

COLUMNS = ["time_s", "link", "direction", "bytes", "utilization", "drops"]
MAX_PANELS = 8  # the busiest links; a fabric of 100 links would be unreadable
COLOURS = {"a->b": "#1f77b4", "b->a": "#d95f02"}


def read_series(path):
    """{(link, direction): [(start_s, end_s, bytes, drops)]} in file order."""
    _, rows = mhplot.read_csv(path, COLUMNS)
    series = {}
    for n, row in enumerate(rows, 2):
        key = (row["link"], row["direction"])
        points = series.setdefault(key, [])
        end = mhplot.number(path, n, row, "time_s")
        start = points[-1][1] if points else 0.0  # time_s is the interval's end
        points.append((start, end, mhplot.number(path, n, row, "bytes") or 0.0,
                       mhplot.number(path, n, row, "drops") or 0.0))
    return series


def y_limit(rates):
    """The y range that shows the steady load: the highest rate, unless a few
    intervals (a routing loop's burst) are far above the rest; then twice
    the 99th percentile, and the bursts are labelled instead."""
    busy = sorted(r for r in rates if r > 0)
    if not busy:
        return 1.0
    p99 = busy[min(len(busy) - 1, int(0.99 * len(busy)))]
    return busy[-1] if busy[-1] <= 3 * p99 else 2 * p99


def draw(plt, run_dir, output=None):
    path = os.path.join(run_dir, "link_load.csv")
    summary = mhplot.read_summary(run_dir)
    events = mhplot.read_convergence(run_dir, summary)
    series = read_series(path)
    if not series:
        raise mhplot.InputError(f"{path}: error: no rows")
    links = []
    for link, _ in series:
        if link not in links:
            links.append(link)
    peak = {link: max(b * 8 / max(e - s, 1e-12) for d in ("a->b", "b->a")
                      for s, e, b, _ in series.get((link, d), [])) for link in links}
    shown = sorted(links, key=lambda l: -peak[l])[:MAX_PANELS]
    shown.sort(key=links.index)  # keep the scenario's order on the page
    bandwidth = {l["name"]: l.get("bandwidth_bps") for l in summary.get("links", [])}

    end = float(summary.get("end_time_s") or max(p[-1][1] for p in series.values()))
    rates = {key: [(s, e, b * 8 / max(e - s, 1e-12) / 1e6) for s, e, b, _ in points]
             for key, points in series.items()}
    top = y_limit([r for link in shown for d in ("a->b", "b->a")
                   for _, _, r in rates.get((link, d), [])])
    fig, axes = plt.subplots(len(shown), 1, figsize=(11, 1.5 * len(shown) + 1.6),
                             sharex=True, sharey=True, squeeze=False)
    axes = [a[0] for a in axes]
    axes[0].set_xlim(0, end)
    axes[0].set_ylim(0, top * 1.45)  # headroom for the link's name
    for ax, link in zip(axes, shown):
        for direction in ("a->b", "b->a"):
            xs, ys = [], []
            for s, e, r in rates.get((link, direction), []):
                xs += [s, e]
                ys += [r, r]  # a step per interval
            ax.plot(xs, ys, color=COLOURS[direction], linewidth=1.2,
                    label=mhplot.direction_label(link, direction))
            # Peaks above the axis (a loop's burst) are named, not drawn to scale.
            clipped = [(s, e, r) for s, e, r in rates.get((link, direction), []) if r > top * 1.45]
            if clipped:
                s, e, r = max(clipped, key=lambda c: c[2])
                y = top * (1.3 if direction == "a->b" else 1.12)
                ax.annotate(f"\u2190 {mhplot.direction_label(link, direction)}: {r:.4g} Mbit/s "
                            f"in {s:g}-{e:g} s", (s, y), xytext=(6, 0),
                            textcoords="offset points", ha="left", va="center", fontsize=8,
                            color=COLOURS[direction], zorder=5,
                            bbox=dict(facecolor="white", edgecolor="none", alpha=0.85, pad=0.5))
        # Intervals with drops on either direction: red crosses along the top.
        dropped = sorted({(s + e) / 2 for d in ("a->b", "b->a")
                          for s, e, _, n in series.get((link, d), []) if n > 0})
        if dropped:
            ax.plot(dropped, [top * 1.2] * len(dropped), "x", color="#c0392b",
                    markersize=5, label="interval with drops")
        bw = bandwidth.get(link)
        name = link + (f"  ({bw / 1e9:g} Gbit/s)" if bw and bw >= 1e9 else
                       f"  ({bw / 1e6:g} Mbit/s)" if bw else "")
        ax.text(0.005, 0.97, name, transform=ax.transAxes, ha="left", va="top", fontsize=9,
                bbox=dict(facecolor="white", edgecolor="none", alpha=0.85, pad=1))
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
        ax.set_ylabel("Mbit/s")
        ax.grid(axis="y", linestyle=":", linewidth=0.6)
    fig.tight_layout()  # first, so the event labels see the final axes width
    for i, ax in enumerate(axes):
        mhplot.mark_events(ax, events, label=(i == 0))
    axes[-1].set_xlabel("simulated time (s)")
    interval = (summary.get("outputs") or {}).get("sample_every_s")
    every = f" per {mhplot.fmt_duration(interval)}" if interval else ""
    hidden = len(links) - len(shown)
    fig.suptitle(f"{mhplot.scenario_name(summary, run_dir)}: load per link direction{every}"
                 + (f" ({len(shown)} busiest of {len(links)} links)" if hidden else ""))
    fig.tight_layout()  # again: tight_layout makes room for the labels above the axes
    return mhplot.save(fig, mhplot.default_output(run_dir, "link_load", output))


if __name__ == "__main__":
    mhplot.standalone("plots/link_load.py", draw, __doc__.splitlines()[0])
