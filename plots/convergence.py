#!/usr/bin/python3
"""Convergence timeline: one panel per scripted event, one row per node, time
after the event on x. A triangle marks when the node first reacted
(detected_s), a circle when its forwarding table changed for the last time
(fib_converged_s); grey ticks are its trace.log records in between. The red
band is the loss window (the event until traffic is whole again), the green
line when the whole network had converged.

Usage: plots/convergence.py RUN_DIR [-o PNG]   (default RUN_DIR/plots/convergence.png)
Reads convergence.csv (or summary.json's "convergence" key), summary.json,
and trace.log if present.
"""
import os
import re
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mhplot  # noqa: E402

TRACE_LINE = re.compile(r"^\s*(-?\d+\.\d+)\s+(\S+)\s+(\S+)\s*(.*)$")
MAX_EVENTS = 8


def read_trace(run_dir):
    """[(time_s, subject)] of trace.log, or [] when there is none."""
    path = os.path.join(run_dir, "trace.log")
    if not os.path.exists(path):
        return []
    records = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = TRACE_LINE.match(line)
            if m:
                records.append((float(m.group(1)), m.group(2)))
    return records


def time_unit(span_s):
    """Milliseconds for a short story, seconds for a long one."""
    return (1e3, "ms") if span_s < 2 else (1.0, "s")


def panel(ax, event, order, trace, window_end):
    nodes = sorted(event["nodes"], key=lambda n: order.get(n[0], len(order)))
    offsets = [v for _, d, f in nodes for v in (d, f) if v is not None]
    offsets += [v for v in (event["network_converged_s"], event["traffic_restored_s"]) if v is not None]
    span = max(offsets + [0.0]) * 1.15 or 1.0
    if window_end is not None:
        span = min(span, max(window_end - event["at_s"], 1e-9))
    scale, unit = time_unit(span)
    rows = {n[0]: i for i, n in enumerate(nodes)}

    # The loss window: from the event until traffic is whole again, or to the
    # panel's end when it never was.
    if event["lost"] > 0:
        whole = event["restored"] and event["traffic_restored_s"] is not None
        until = event["traffic_restored_s"] if whole else span
        ax.axvspan(0, until * scale, color="#e74c3c", alpha=0.18, lw=0, zorder=0)
        reasons = ", ".join(f"{n:,} {r}" for r, n in sorted(event["lost_by_reason"].items(),
                                                             key=lambda kv: -kv[1]))
        text = f"{event['lost']:,} packets lost" + (f" ({reasons})" if reasons else "")
        if whole:
            text += f"; traffic whole after {mhplot.fmt_duration(event['traffic_restored_s'])}"
        else:
            text += "; the loss never stopped before the next event or the end"
    else:
        text = "no data packet lost"
    if event.get("loops"):
        text += f"; {int(event['loops']):,} went round a loop"
    # Under the event's title, left-aligned: a long event name and a long
    # loss summary never overlap.
    ax.text(0, 1.015, text, transform=ax.transAxes, ha="left", va="bottom", fontsize=9,
            color="#922b21")

    for t, subject in trace:
        if subject in rows and event["at_s"] <= t <= event["at_s"] + span:
            ax.plot((t - event["at_s"]) * scale, rows[subject], "|", color="#999999",
                    markersize=9, zorder=2)
    for node, detected, fib in nodes:
        y = rows[node]
        if detected is not None:
            # Just above the row, so a FIB change at the same moment stays visible.
            ax.plot(detected * scale, y - 0.22, "v", color="#e67e22", markersize=9, zorder=3)
        if fib is not None:
            ax.plot(fib * scale, y, "o", color="#2471a3", markersize=8, zorder=4)
            ax.annotate(f"{fib * scale:.4g} {unit}", (fib * scale, y), xytext=(6, 4),
                        textcoords="offset points", fontsize=8, color="#2471a3")
        if detected is not None and fib is None:
            ax.annotate("forwarding unchanged", (detected * scale, y), xytext=(8, -3),
                        textcoords="offset points", fontsize=8, color="#777777")
        if detected is None and fib is None:
            ax.annotate("no reaction", (0, y), xytext=(6, -3), textcoords="offset points",
                        fontsize=8, color="#777777")
    if event["network_converged_s"] is not None:
        x = event["network_converged_s"] * scale
        ax.axvline(x, color="#229954", linestyle="--", linewidth=1.3, zorder=1)
        ax.annotate(f"network converged: {mhplot.fmt_duration(event['network_converged_s'])}",
                    (x, len(nodes) - 0.4), xytext=(-4, 3), textcoords="offset points",
                    ha="right", va="bottom", fontsize=8, color="#1e8449",
                    bbox=dict(facecolor="white", edgecolor="none", alpha=0.8, pad=0.5))
    ax.set_yticks(range(len(nodes)))
    ax.set_yticklabels([n[0] for n in nodes])
    ax.set_ylim(len(nodes) - 0.4, -0.7)
    ax.set_xlim(-0.02 * span * scale, span * scale)
    ax.set_xlabel(f"time after the event ({unit})")
    ax.set_title(f"event {event['index']} at {event['at_s']:g} s: {event['label']}\n", loc="left")
    ax.grid(axis="x", linestyle=":", linewidth=0.6)


def draw(plt, run_dir, output=None):
    summary = mhplot.read_summary(run_dir)
    events = mhplot.read_convergence(run_dir, summary)
    if not events:
        raise mhplot.InputError(f"{run_dir}: error: no convergence.csv and no \"convergence\" "
                                "key in summary.json: nothing to draw")
    events = mhplot.owning_events(events)
    shown = events[:MAX_EVENTS]
    order = {n["name"]: i for i, n in enumerate(summary.get("nodes", []))}
    trace = read_trace(run_dir)
    heights = [max(len(e["nodes"]), 1) * 0.45 + 1.3 for e in shown]
    fig, axes = plt.subplots(len(shown), 1, figsize=(11, sum(heights) + 1.0), squeeze=False,
                             gridspec_kw={"height_ratios": heights})
    end = summary.get("end_time_s")
    for i, (ax, e) in enumerate(zip((a[0] for a in axes), shown)):
        # A panel stops at the next event: what follows belongs to that one.
        window_end = shown[i + 1]["at_s"] if i + 1 < len(shown) else end
        panel(ax, e, order, trace, window_end)
    handles = [
        plt.Line2D([], [], marker="v", linestyle="", color="#e67e22", markersize=8, label="node reacts"),
        plt.Line2D([], [], marker="o", linestyle="", color="#2471a3", markersize=7,
                   label="last FIB change"),
        plt.Line2D([], [], marker="|", linestyle="", color="#999999", markersize=9,
                   label="trace.log record"),
        plt.Rectangle((0, 0), 1, 1, color="#e74c3c", alpha=0.25, label="packets being lost"),
        plt.Line2D([], [], linestyle="--", color="#229954", label="network converged"),
    ]
    fig.legend(handles=handles, loc="lower center", ncol=len(handles), frameon=False)
    more = f" (first {MAX_EVENTS} of {len(events)} events)" if len(events) > MAX_EVENTS else ""
    fig.suptitle(f"{mhplot.scenario_name(summary, run_dir)}: convergence after each event{more}")
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    return mhplot.save(fig, mhplot.default_output(run_dir, "convergence", output))


if __name__ == "__main__":
    mhplot.standalone("plots/convergence.py", draw, __doc__.splitlines()[0])
