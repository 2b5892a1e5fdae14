#!/usr/bin/python3
"""Draw a run's event timeline from trace.log: one row per node or link,
one mark per event (link state, BGP session state, OSPF adjacency), so the
order in which things happened after a failure can be seen at a glance.

Usage: plots/timeline.py OUT_DIR/trace.log [-o timeline.png] [--title TEXT]
Writes PNG and SVG (same name, .svg) atomically. Needs python3-matplotlib
(Debian): apt-get install -y python3-matplotlib
"""
import argparse
import json
import os
import re
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mhplot  # noqa: E402

LINE = re.compile(r"^\s*(-?\d+\.\d+)\s+(\S+)\s+(\S+)\s*(.*)$")
COLOURS = {"link": "#c0392b", "bgp": "#2471a3", "ospf": "#229954", "bfd": "#8e44ad",
           "node": "#d35400", "service": "#16a085"}


def read_trace(path):
    events = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            m = LINE.match(line)
            if not m:
                raise mhplot.InputError(f"{path}:{number}: error: not a trace line: {line.rstrip()}")
            events.append((float(m.group(1)), m.group(2), m.group(3), m.group(4)))
    return events


# Passing states of a session coming up are drawn as small marks without a
# label, so the states a reader cares about stay legible.
TRANSIENT = {"Connect", "OpenSent", "OpenConfirm", "Init", "2-Way", "ExStart", "Exchange", "Loading"}


def label(category, detail):
    """Short label for an event, or None for a passing or bookkeeping one."""
    words = detail.split()
    if category == "bgp" and len(words) >= 3 and words[0] == "neighbor":
        return None if words[2] in TRANSIENT else " ".join(words[1:3])
    if category == "ospf":
        # "neighbor 10.255.0.1 on ge-0/0/0: Exchange -> Full": label arrivals at Full and Down.
        if words[:1] == ["neighbor"] and words[-1] in ("Full", "Down"):
            return f"{words[1]} {words[-1]}"
        if words[:2] == ["flush", "extern-lsa"]:
            return "flush " + words[2].split("/")[0]
        return None  # LSA origination, retransmissions, SPF runs: marks only
    return " ".join(words[:3])


def draw(plt, trace_path, output, title):
    """Draws the timeline of trace_path into output (PNG) and its .svg."""
    events = read_trace(trace_path)
    subjects = []
    for _, subject, _, _ in events:
        if subject not in subjects:
            subjects.append(subject)
    row = {s: i for i, s in enumerate(subjects)}

    fig, ax = plt.subplots(figsize=(11, 0.7 * max(len(subjects), 3) + 1.8))
    span = max(events[-1][0] - events[0][0], 1e-9) if events else 1.0
    stacked = {}  # per row: (x of the last label, how many labels stacked there)
    for t, subject, category, detail in events:
        y = row[subject]
        text = label(category, detail)
        colour = COLOURS.get(category, "#7f8c8d")
        ax.plot(t, y, "o", color=colour, markersize=6 if text else 3)
        if not text:
            continue
        # Labels of events close together on one row are stacked downwards.
        last = stacked.get(subject)
        depth = last[1] + 1 if last and t - last[0] < 0.06 * span else 0
        stacked[subject] = (t if depth == 0 else last[0], depth)
        ax.annotate(text, (t, y), xytext=(4, 6 - 9 * depth), textcoords="offset points",
                    fontsize=8, color=colour)
    ax.set_yticks(range(len(subjects)))
    ax.set_yticklabels(subjects, fontsize=9)
    ax.set_ylim(-0.8, len(subjects) - 0.2)
    ax.invert_yaxis()
    # The run's full length, when its summary.json sits beside the trace.
    summary = os.path.join(os.path.dirname(os.path.abspath(trace_path)), "summary.json")
    if os.path.exists(summary):
        with open(summary, encoding="utf-8") as f:
            ax.set_xlim(0, float(json.load(f)["end_time_s"]))
    ax.set_xlabel("simulated time (s)")
    ax.set_title(f"{title}: events by node and link")
    ax.grid(axis="x", linestyle=":", linewidth=0.6)
    seen = {category for _, _, category, _ in events}
    handles = [plt.Line2D([], [], marker="o", linestyle="", color=c, label=k)
               for k, c in COLOURS.items() if k in seen or k in ("link", "bgp", "ospf")]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=len(handles),
              fontsize=8, frameon=False)
    fig.tight_layout()
    return mhplot.save(fig, output)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("trace", help="trace.log written by `mhsim run`")
    parser.add_argument("-o", "--output", help="PNG to write (default: timeline.png beside the trace)")
    parser.add_argument("--title", help="plot title (default: the run directory's name)")
    args = parser.parse_args()
    plt = mhplot.pyplot("plots/timeline.py")
    output = args.output or os.path.join(os.path.dirname(args.trace), "timeline.png")
    title = args.title or os.path.basename(os.path.dirname(os.path.abspath(args.trace)))
    try:
        draw(plt, args.trace, output, title)
    except mhplot.InputError as e:
        print(e, file=sys.stderr)
        sys.exit(mhplot.EXIT_BAD_INPUT)
    print(f"wrote {output} and {os.path.splitext(output)[0]}.svg")


if __name__ == "__main__":
    main()
