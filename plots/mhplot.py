"""Shared pieces of the plot scripts: reading a run directory's files by
column name, the scripted events, a house style that stays readable at the
saved resolution, and writing PNG + SVG atomically.

Errors in the inputs raise InputError with a message that names the file
(and the column); the scripts print it and exit 2. A missing matplotlib
exits 3 with the apt command, never a traceback.
"""
import csv
import json
import os
import sys
import tempfile

EXIT_BAD_INPUT = 2
EXIT_MISSING_PACKAGE = 3
APT_HINT = "apt-get install -y python3-matplotlib"

# Saved PNG resolution. With the figure sizes used here (10-12 in wide) a PNG
# is ~1100-1300 px wide, and 10 pt text is ~15 px high: legible on a laptop
# screen and in a README without zooming.
DPI = 110

_UMASK = os.umask(0)
os.umask(_UMASK)


class InputError(Exception):
    """A run file that is missing, malformed or lacks a column."""


def pyplot(prog):
    """matplotlib.pyplot with the Agg backend, or exit 3 with the apt hint."""
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print(f"{prog}: error: matplotlib is missing; install it with: {APT_HINT} "
              "(and run the plots with /usr/bin/python3)", file=sys.stderr)
        sys.exit(EXIT_MISSING_PACKAGE)
    plt.rcParams.update({
        "font.size": 10, "axes.titlesize": 11, "axes.labelsize": 10,
        "xtick.labelsize": 9, "ytick.labelsize": 9, "legend.fontsize": 9,
        "figure.titlesize": 13, "figure.dpi": DPI, "savefig.dpi": DPI,
        # Text stays text in the SVG: smaller files, searchable labels.
        "svg.fonttype": "none", "svg.hashsalt": "mhsim",
        "axes.spines.top": False, "axes.spines.right": False,
    })
    return plt


def read_csv(path, required):
    """Rows of a CSV as dicts; every name in `required` must be a column."""
    try:
        with open(path, encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            header = reader.fieldnames or []
            missing = [c for c in required if c not in header]
            if missing:
                raise InputError(f"{path}: error: missing column '{missing[0]}' "
                                 f"(header: {','.join(header) or 'empty'})")
            rows = list(reader)
    except OSError as e:
        raise InputError(f"{path}: error: {e.strerror}") from None
    for number, row in enumerate(rows, 2):
        if None in row or any(row[c] is None for c in required):
            raise InputError(f"{path}:{number}: error: expected {len(header)} fields")
    return header, rows


def number(path, row_number, row, column):
    """A numeric cell; an empty cell is None."""
    text = row[column]
    if text == "":
        return None
    try:
        return float(text)
    except ValueError:
        raise InputError(f"{path}:{row_number}: error: column '{column}': "
                         f"'{text}' is not a number") from None


def read_summary(run_dir):
    path = os.path.join(run_dir, "summary.json")
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except FileNotFoundError:
        raise InputError(f"{path}: error: no summary.json; is {run_dir} a directory "
                         "written by `mhsim run`?") from None
    except json.JSONDecodeError as e:
        raise InputError(f"{path}:{e.lineno}: error: not JSON: {e.msg}") from None


def scenario_name(summary, run_dir):
    return (summary.get("scenario") or {}).get("name") or os.path.basename(os.path.abspath(run_dir))


def link_ends(name):
    """'pc:eth0--S-SW-1:ge-0/0/9' -> ('pc', 'S-SW-1')."""
    a, sep, b = name.partition("--")
    if not sep:
        return name, name
    return a.split(":")[0], b.split(":")[0]


def direction_label(link, direction):
    a, b = link_ends(link)
    return f"{a} \u2192 {b}" if direction == "a->b" else f"{b} \u2192 {a}"


def fmt_duration(seconds):
    """0.22 -> '220 ms', 63.4 -> '63.4 s'."""
    if seconds is None:
        return "never"
    if abs(seconds) < 1:
        return f"{seconds * 1e3:.3g} ms"
    return f"{seconds:.4g} s"


# --- scripted events and their convergence --------------------------------------

CONVERGENCE_COLUMNS = ["event", "at_s", "action", "target", "node", "detected_s",
                       "fib_converged_s", "network_converged_s", "traffic_restored_s",
                       "restored", "packets_lost", "loops"]


def _flag(text):
    return text.strip().lower() in ("true", "1", "yes")


def read_convergence(run_dir, summary):
    """The scripted events with their convergence, from convergence.csv (the
    tidy table) or else summary.json's "convergence" key; [] when neither.

    Each event: index, at_s, action, target, network_converged_s,
    traffic_restored_s, restored, lost (total), lost_by_reason ({} if
    unknown), loops, nodes [(node, detected_s, fib_converged_s)]. Offsets are
    seconds after the event; None means "did not happen".
    """
    path = os.path.join(run_dir, "convergence.csv")
    from_summary = {}
    for e in summary.get("convergence") or []:
        lost = e.get("packets_lost") or {}
        from_summary[int(e["index"])] = {
            "index": int(e["index"]), "at_s": float(e["at_s"]), "action": e.get("action", ""),
            "target": e.get("target", ""), "network_converged_s": e.get("network_converged_s"),
            "traffic_restored_s": e.get("traffic_restored_s"), "restored": bool(e.get("restored")),
            "lost": int(lost.get("total", 0)) if isinstance(lost, dict) else int(lost),
            "lost_by_reason": {k: int(v) for k, v in lost.items() if k != "total" and v}
            if isinstance(lost, dict) else {},
            "loops": e.get("loops"),
            "nodes": [(n["node"], n.get("detected_s"), n.get("fib_converged_s"))
                      for n in e.get("nodes", [])],
            "window_of": int(e.get("window_of", e["index"])),
        }
    if not os.path.exists(path):
        return [from_summary[i] for i in sorted(from_summary)]
    return _owners(_read_convergence_csv(path, from_summary))


def _owners(events):
    """Sets window_of where the CSV cannot say it: events at the same time
    share the first one's window (and figures)."""
    first_at = {}
    for e in events:
        owner = first_at.setdefault(e["at_s"], e["index"])
        e.setdefault("window_of", owner)
    return events


def _read_convergence_csv(path, from_summary):
    _, rows = read_csv(path, CONVERGENCE_COLUMNS)
    events = {}
    for number_, row in enumerate(rows, 2):
        index = int(number(path, number_, row, "event"))
        e = events.get(index)
        if e is None:
            e = events[index] = {
                "index": index, "at_s": number(path, number_, row, "at_s"),
                "action": row["action"], "target": row["target"],
                "network_converged_s": number(path, number_, row, "network_converged_s"),
                "traffic_restored_s": number(path, number_, row, "traffic_restored_s"),
                "restored": _flag(row["restored"]),
                "lost": int(number(path, number_, row, "packets_lost") or 0),
                "lost_by_reason": from_summary.get(index, {}).get("lost_by_reason", {}),
                "loops": number(path, number_, row, "loops"),
                "nodes": [],
            }
            if index in from_summary:
                e["window_of"] = from_summary[index]["window_of"]
        if row["node"]:
            e["nodes"].append((row["node"], number(path, number_, row, "detected_s"),
                               number(path, number_, row, "fib_converged_s")))
    return [events[i] for i in sorted(events)]


def event_label(e):
    return f"{e['action']} {e['target']}".strip()


def owning_events(events):
    """The events that own a window, each with `label` naming every event
    that shares it ("down A + crash B")."""
    owners = {e["index"]: dict(e, label=event_label(e)) for e in events if e["window_of"] == e["index"]}
    for e in events:
        if e["window_of"] != e["index"] and e["window_of"] in owners:
            owners[e["window_of"]]["label"] += " + " + event_label(e)
    return [owners[i] for i in sorted(owners)]


def mark_events(ax, events, label=True, fontsize=8):
    """Dashed vertical lines at the scripted events, labelled above the axes.

    Labels that would overlap the one before move up a row: the width of a
    label is estimated from its length (0.6 em per character) and the axes'
    width on the page, which is close enough for the short labels here.
    """
    import matplotlib.transforms as transforms
    trans = transforms.blended_transform_factory(ax.transData, ax.transAxes)
    lo, hi = ax.get_xlim()
    fig = ax.get_figure()
    axes_px = ax.get_position().width * fig.get_figwidth() * fig.dpi
    rows = []  # per row, the x where its last label ends
    for e in owning_events(events):
        ax.axvline(e["at_s"], color="#555555", linestyle="--", linewidth=1, zorder=1)
        if not label:
            continue
        text = f"{e['at_s']:g} s: {e['label']}"
        width = (len(text) + 2) * 0.6 * fontsize * fig.dpi / 72 / axes_px * (hi - lo)
        row = next((i for i, end in enumerate(rows) if e["at_s"] > end), len(rows))
        if row == len(rows):
            rows.append(0)
        rows[row] = e["at_s"] + width
        ax.annotate(text, (e["at_s"], 1.0), xycoords=trans, xytext=(2, 2 + row * (fontsize + 3)),
                    textcoords="offset points", ha="left", va="bottom", fontsize=fontsize,
                    color="#333333", annotation_clip=False)
    return len(rows)


# --- writing --------------------------------------------------------------------

def _palette(png):
    """Rewrites a PNG with a 256-colour palette: a third of the size, no
    visible change for line art (Pillow comes with python3-matplotlib; if
    it is missing, the PNG stays as matplotlib wrote it)."""
    try:
        from PIL import Image
    except ImportError:
        return
    with Image.open(png) as im:
        small = im.convert("RGB").quantize(colors=256, dither=Image.Dither.NONE)
    small.save(png, optimize=True)


def save(fig, png_path):
    """Writes png_path and the .svg beside it, each atomically (rename)."""
    directory = os.path.dirname(os.path.abspath(png_path))
    os.makedirs(directory, exist_ok=True)
    written = []
    for target in (png_path, os.path.splitext(png_path)[0] + ".svg"):
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=".", suffix=os.path.splitext(target)[1])
        os.close(fd)
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes 0600; plots are for sharing
        try:
            fig.savefig(tmp, metadata={"Date": None} if target.endswith(".svg") else None)
            if target.endswith(".png"):
                _palette(tmp)
            os.replace(tmp, target)
        except BaseException:
            os.unlink(tmp)
            raise
        written.append(target)
    return written


def standalone(prog, draw, description):
    """main() of a single plot script: `SCRIPT RUN_DIR [-o PNG]`."""
    import argparse
    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument("run_dir", help="directory written by `mhsim run`")
    parser.add_argument("-o", "--output", help="PNG to write (default: RUN_DIR/plots/<name>.png)")
    args = parser.parse_args()
    plt = pyplot(prog)
    try:
        written = draw(plt, args.run_dir, args.output)
    except InputError as e:
        print(e, file=sys.stderr)
        sys.exit(EXIT_BAD_INPUT)
    for path in written:
        print(f"wrote {path}")


def default_output(run_dir, name, output):
    return output or os.path.join(run_dir, "plots", name + ".png")
