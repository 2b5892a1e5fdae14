#!/usr/bin/python3
"""Draw every plot whose input a run directory has, into RUN_DIR/plots/
(PNG and SVG of each). `mhsim plot DIR` and `mhsim run FILE --plots` run this.

Usage: plots/plot_all.py RUN_DIR [--quiet]

  plot              needs                                    shows
  link_load         link_load.csv                            Mbit/s per link direction, events marked
  convergence       convergence.csv or summary "convergence" per node: reaction, last FIB change, loss window
  ecmp              ecmp.csv                                 share per next hop of each multi-path group
  loss              loss.csv                                 data packets lost per interval, by reason
  topology          summary.json nodes and links             nodes and links, utilisation as colour/width
  timeline          trace.log                                every link/BGP/OSPF event by node

Exit status: 0 all drawn; 2 an input is missing a column or malformed (the
other plots are still drawn) or RUN_DIR has no summary.json; 3 matplotlib
is missing (apt-get install -y python3-matplotlib).
"""
import argparse
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mhplot  # noqa: E402


def plots(run_dir, summary):
    """[(name, needs, draw)] in drawing order; `needs` says whether the input exists."""
    import convergence
    import ecmp
    import link_load
    import loss
    import timeline
    import topology

    def exists(name):
        return os.path.exists(os.path.join(run_dir, name))

    def draw_timeline(plt, d, output):
        return timeline.draw(plt, os.path.join(d, "trace.log"),
                             mhplot.default_output(d, "timeline", output),
                             mhplot.scenario_name(summary, d))

    return [
        ("topology", "nodes" in summary and "links" in summary, topology.draw),
        ("link_load", exists("link_load.csv"), link_load.draw),
        ("convergence", exists("convergence.csv") or bool(summary.get("convergence")),
         convergence.draw),
        ("loss", exists("loss.csv"), loss.draw),
        ("ecmp", exists("ecmp.csv"), ecmp.draw),
        ("timeline", exists("trace.log"), draw_timeline),
    ]


def main():
    parser = argparse.ArgumentParser(prog="plots/plot_all.py", description=__doc__.splitlines()[0])
    parser.add_argument("run_dir", help="directory written by `mhsim run`")
    parser.add_argument("--quiet", "-q", action="store_true", help="print only errors")
    args = parser.parse_args()
    plt = mhplot.pyplot("plots/plot_all.py")
    try:
        summary = mhplot.read_summary(args.run_dir)
    except mhplot.InputError as e:
        print(e, file=sys.stderr)
        return mhplot.EXIT_BAD_INPUT
    failed = 0
    drawn = []
    for name, present, draw in plots(args.run_dir, summary):
        if not present:
            continue
        try:
            written = draw(plt, args.run_dir, None)
        except mhplot.InputError as e:
            print(e, file=sys.stderr)
            failed += 1
            continue
        finally:
            plt.close("all")
        drawn.append(os.path.basename(written[0]))
    if not args.quiet:
        where = os.path.join(args.run_dir, "plots")
        print(f"wrote {len(drawn)} plots (PNG and SVG) to {where}/: {', '.join(drawn)}")
    return mhplot.EXIT_BAD_INPUT if failed else 0


if __name__ == "__main__":
    sys.exit(main())
