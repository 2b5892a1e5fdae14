#!/usr/bin/python3
"""Topology with link utilisation: nodes from summary.json, each link drawn
as two arrows (one per direction) whose colour and width show the share of
the run that direction's transmitter was busy; links without carrier at the
end are dashed grey.

Usage: plots/topology.py RUN_DIR [-o PNG] [--metric mean|peak]
       (default RUN_DIR/plots/topology.png)
Reads summary.json: nodes[].name/kind, links[].name/carrier/directions[]
(utilization: the run's mean; peak_utilization: the busiest link_load.csv
interval).

The layout is layered (a column per hop from one end of the network, see
layered_layout), computed here without networkx, and always the same for
the same topology.
"""
import math
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mhplot  # noqa: E402

KIND_COLOURS = {"host": "#d5f5e3", "switch": "#d6eaf8", "router": "#fdebd0"}


def layered_layout(names, edges):
    """{name: (x, y)} in [0, 1]^2, a column per layer.

    Each connected part is laid out from one end of its longest shortest
    path (found by two breadth-first searches), so a fabric reads from
    client to server; a node's layer is its hop count from there. Within
    a layer the nodes are ordered by the mean position of their neighbours
    in the layers before and after (a few barycentre sweeps, as in
    Sugiyama et al.'s layered drawing), which keeps edges from crossing.
    Ties keep the scenario's order, so the drawing is always the same.
    """
    order = {name: i for i, name in enumerate(names)}
    adjacent = {name: [] for name in names}
    for a, b in edges:
        if a in adjacent and b in adjacent and a != b:
            adjacent[a].append(b)
            adjacent[b].append(a)
    for name in names:
        adjacent[name].sort(key=order.get)

    def hops(start):
        seen = {start: 0}
        queue = [start]
        for node in queue:
            for n in adjacent[node]:
                if n not in seen:
                    seen[n] = seen[node] + 1
                    queue.append(n)
        return seen

    columns = []  # lists of names, left to right, every part after the other
    placed = set()
    for name in names:
        if name in placed:
            continue
        part = hops(name)
        far = max(part, key=lambda n: (part[n], -order[n]))
        layer = hops(far)
        base = len(columns)
        for n in sorted(layer, key=order.get):
            while len(columns) <= base + layer[n]:
                columns.append([])
            columns[base + layer[n]].append(n)
            placed.add(n)
    for sweep in range(4):
        rank = {n: i / max(len(col) - 1, 1) for col in columns for i, n in enumerate(col)}
        for col in (columns[1:] if sweep % 2 == 0 else reversed(columns[:-1])):
            col.sort(key=lambda n: (sum(rank[m] for m in adjacent[n]) / len(adjacent[n])
                                    if adjacent[n] else rank[n], order[n]))
            for i, n in enumerate(col):
                rank[n] = i / max(len(col) - 1, 1)
    pos = {}
    for x, col in enumerate(columns):
        for i, n in enumerate(col):
            pos[n] = (x / max(len(columns) - 1, 1) if len(columns) > 1 else 0.5,
                      1 - (i + 0.5) / len(col) if len(col) > 1 else 0.5)
    return pos


def percent(u):
    """A utilisation (0..1) as a short label."""
    if u <= 0:
        return "0%"
    if u < 1e-4:
        return "<0.01%"
    return f"{u * 100:.2g}%"


def draw(plt, run_dir, output=None, metric="mean"):
    import matplotlib.colors as mcolors
    from matplotlib.patches import FancyArrowPatch
    summary = mhplot.read_summary(run_dir)
    path = os.path.join(run_dir, "summary.json")
    nodes = summary.get("nodes")
    links = summary.get("links")
    if not nodes or links is None:
        raise mhplot.InputError(f"{path}: error: no \"nodes\"/\"links\": cannot draw the topology")
    key = "utilization" if metric == "mean" else "peak_utilization"
    names = [n["name"] for n in nodes]
    kinds = {n["name"]: n.get("kind", "") for n in nodes}
    ends = [mhplot.link_ends(l["name"]) for l in links]
    pos = layered_layout(names, ends)

    util = []
    for l in links:
        dirs = l.get("directions") or []
        if len(dirs) != 2:
            raise mhplot.InputError(f"{path}: error: link {l['name']}: expected 2 directions")
        util.append([float(d.get(key) or 0.0) for d in dirs])
    top = max([u for pair in util for u in pair] + [1e-9])
    # Yellow to red, without the near-white start of YlOrRd: an idle link
    # must still be visible on white.
    base = plt.get_cmap("YlOrRd")
    cmap = mcolors.ListedColormap([base(0.3 + 0.7 * i / 255) for i in range(256)])
    norm = mcolors.Normalize(vmin=0, vmax=top * 100)

    tallest = max(sum(1 for p in pos.values() if abs(p[0] - x) < 1e-9) for x, _ in pos.values())
    fig, ax = plt.subplots(figsize=(10, min(9.0, max(5.0, 1.2 * tallest + 2.5))))
    for l, (a, b), pair in zip(links, ends, util):
        (xa, ya), (xb, yb) = pos[a], pos[b]
        length = max(math.hypot(xb - xa, yb - ya), 1e-9)
        nx, ny = -(yb - ya) / length, (xb - xa) / length  # left of a->b
        for side, (u, sign) in enumerate(zip(pair, (1, -1))):
            # Direction 0 sends a->b, 1 sends b->a; each on its own side.
            off = 0.012
            p, q = ((xa, ya), (xb, yb)) if side == 0 else ((xb, yb), (xa, ya))
            start = (p[0] + sign * nx * off, p[1] + sign * ny * off)
            stop = (q[0] + sign * nx * off, q[1] + sign * ny * off)
            down = not l.get("carrier", True)
            # Links within a column would run through the nodes between
            # their ends: they bow out instead.
            bow = 0.35 if abs(xa - xb) < 1e-9 and abs(ya - yb) > 0.6 / len(names) else 0.0
            arrow = FancyArrowPatch(start, stop, arrowstyle="-|>", mutation_scale=12,
                                    connectionstyle=f"arc3,rad={bow if side == 0 else -bow}",
                                    shrinkA=32, shrinkB=32, linewidth=1.2 + 7 * u / top,
                                    color="#aaaaaa" if down else cmap(norm(u * 100)),
                                    linestyle="--" if down else "-", zorder=2)
            ax.add_patch(arrow)
            mx, my = (start[0] + stop[0]) / 2, (start[1] + stop[1]) / 2
            ax.text(mx + sign * nx * 0.035, my + sign * ny * 0.035, percent(u),
                    ha="center", va="center", fontsize=8, color="#333333", zorder=3)
    for name in names:
        x, y = pos[name]
        ax.text(x, y, name, ha="center", va="center", fontsize=10, zorder=4,
                bbox=dict(boxstyle="round,pad=0.4", facecolor=KIND_COLOURS.get(kinds[name], "#eeeeee"),
                          edgecolor="#555555"))
    ax.set_xlim(-0.12, 1.12)
    ax.set_ylim(-0.12, 1.12)
    ax.axis("off")
    bar = fig.colorbar(plt.cm.ScalarMappable(norm=norm, cmap=cmap), ax=ax, shrink=0.7, pad=0.02)
    what = "mean over the run" if metric == "mean" else "busiest interval"
    bar.set_label(f"utilisation, {what} (% of link bandwidth)")
    handles = [plt.Rectangle((0, 0), 1, 1, facecolor=c, edgecolor="#555555", label=k)
               for k, c in KIND_COLOURS.items() if k in kinds.values()]
    handles.append(plt.Line2D([], [], color="#aaaaaa", linestyle="--", label="no carrier at the end"))
    ax.legend(handles=handles, loc="lower left", frameon=False, fontsize=9)
    ax.set_title(f"{mhplot.scenario_name(summary, run_dir)}: topology and link utilisation "
                 f"per direction ({what})")
    fig.tight_layout()
    return mhplot.save(fig, mhplot.default_output(run_dir, "topology", output))


def main():
    import argparse
    parser = argparse.ArgumentParser(prog="plots/topology.py", description=__doc__.splitlines()[0])
    parser.add_argument("run_dir", help="directory written by `mhsim run`")
    parser.add_argument("-o", "--output", help="PNG to write (default: RUN_DIR/plots/topology.png)")
    parser.add_argument("--metric", choices=("mean", "peak"), default="mean",
                        help="utilisation to show: the run's mean or the busiest interval")
    args = parser.parse_args()
    plt = mhplot.pyplot("plots/topology.py")
    try:
        written = draw(plt, args.run_dir, args.output, args.metric)
    except mhplot.InputError as e:
        print(e, file=sys.stderr)
        sys.exit(mhplot.EXIT_BAD_INPUT)
    for path in written:
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
