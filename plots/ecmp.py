#!/usr/bin/python3
"""ECMP share per next-hop group: one panel per group with two or more next
hops (busiest first), a bar per next hop with its share of the group's
packets, and a dashed line at the ideal even share (1/k).

Usage: plots/ecmp.py RUN_DIR [-o PNG]   (default RUN_DIR/plots/ecmp.png)
Reads ecmp.csv and summary.json.
"""
import math
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mhplot  # noqa: E402

COLUMNS = ["node", "group", "prefix", "next_hop", "interface", "packets", "share",
           "group_packets", "jain"]
MAX_PANELS = 9


def read_groups(path):
    """[(node, group, prefix, group_packets, jain, [(next_hop, interface, packets, share)])]."""
    _, rows = mhplot.read_csv(path, COLUMNS)
    groups = {}
    for n, row in enumerate(rows, 2):
        key = (row["node"], row["group"])
        if key not in groups:
            groups[key] = [row["node"], row["group"], row["prefix"],
                           int(mhplot.number(path, n, row, "group_packets") or 0),
                           mhplot.number(path, n, row, "jain"), []]
        groups[key][5].append((row["next_hop"], row["interface"],
                               int(mhplot.number(path, n, row, "packets") or 0),
                               mhplot.number(path, n, row, "share") or 0.0))
    return list(groups.values())


def draw(plt, run_dir, output=None):
    path = os.path.join(run_dir, "ecmp.csv")
    summary = mhplot.read_summary(run_dir)
    groups = read_groups(path)
    multi = [g for g in groups if len(g[5]) >= 2]
    # With no multi-path group there is no split to show; say so on the page
    # and show the single-path groups rather than an empty picture.
    shown = sorted(multi or groups, key=lambda g: -g[3])[:MAX_PANELS]
    if not shown:
        raise mhplot.InputError(f"{path}: error: no rows: no group forwarded a packet")
    cols = min(3, len(shown))
    rows = math.ceil(len(shown) / cols)
    fig, axes = plt.subplots(rows, cols, figsize=(max(4.2 * cols, 6.5), 3.6 * rows + 0.9),
                             squeeze=False)
    for ax in axes.flat[len(shown):]:
        ax.set_visible(False)
    for ax, (node, group, prefix, total, jain, hops) in zip(axes.flat, shown):
        shares = [h[3] * 100 for h in hops]
        x = range(len(hops))
        bars = ax.bar(x, shares, color="#5dade2", edgecolor="#21618c", width=0.6)
        for bar, (_, _, packets, share) in zip(bars, hops):
            # Inside the bar's top, clear of the even-share line just above
            # or below it; above the bar when the bar is too short for text.
            inside = share * 100 > 0.2 * max(shares)
            ax.annotate(f"{share * 100:.1f}%\n{packets:,} pkts",
                        (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                        xytext=(0, -12 if inside else 3), textcoords="offset points",
                        ha="center", va="top" if inside else "bottom", fontsize=9,
                        bbox=dict(facecolor="white", edgecolor="none", alpha=0.85, pad=1))
        ideal = 100 / len(hops)
        ax.axhline(ideal, color="#c0392b", linestyle="--", linewidth=1.3,
                   label=f"even share {ideal:.3g}%")
        ax.set_xticks(list(x))
        ax.set_xticklabels([f"{nh}\n{ifc}" for nh, ifc, _, _ in hops], fontsize=8)
        ax.set_ylim(0, max(shares + [ideal]) * 1.3)
        ax.set_ylabel("share of the group's packets (%)")
        ax.set_xlabel("next hop and interface")
        short = prefix if len(prefix) <= 34 else prefix[:32] + "\u2026"
        jain_text = f", Jain's index {jain:.4f}" if jain is not None else ""
        ax.set_title(f"{node} group {group}: {short}\n{total:,} packets{jain_text}", fontsize=10)
        ax.legend(loc="upper right", frameon=False, fontsize=8)
    note = "" if multi else " (no group with two or more next hops)"
    hidden = len(multi or groups) - len(shown)
    more = f" ({len(shown)} busiest of {len(multi or groups)} groups)" if hidden > 0 else ""
    fig.suptitle(f"{mhplot.scenario_name(summary, run_dir)}: ECMP share per next-hop group"
                 f" over the whole run{note}{more}")
    fig.tight_layout()
    return mhplot.save(fig, mhplot.default_output(run_dir, "ecmp", output))


if __name__ == "__main__":
    mhplot.standalone("plots/ecmp.py", draw, __doc__.splitlines()[0])
