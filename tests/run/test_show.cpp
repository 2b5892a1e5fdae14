// `mhsim show`: router-style views, golden text per style, the seed lab's
// views beside the write-up's captures, and the command's errors.
//
// Hand-built nodes (no protocols, routes put into the RIB directly):
//
//   S1 ge-0/0/0 10.1.1.1/31 ---- ge-0/0/0 10.1.1.0/31  C (junos)  ge-0/0/1 10.1.1.3/31 ----
//   ge-0/0/0 10.1.1.2/31 S2
//                                                   lo0 10.255.0.3/32
//
//   H (bird, frr or linux)  eth0 10.10.1.2/30 ---- 10.10.1.1/30 A
//                           eth1 10.10.2.2/30 ---- 10.10.2.1/30 B
//                           lo 192.168.100.1/32
#include <catch2/catch.hpp>
#include <regex>
#include <sstream>

#include "models/policy/policy.hpp"
#include "models/rib/fib_options.hpp"
#include "models/rib/preference.hpp"
#include "sim/run/runner.hpp"
#include "sim/run/show.hpp"
#include "tests/cli/run_command.hpp"

using sim::Duration;
using sim::Time;
using vendor::Vendor;

namespace {

const std::string kSeedLab = std::string(MHSIM_SOURCE_DIR) + "/scenarios/seed-lab.yaml";

net::Prefix prefix(const char* text) { return *net::parse_prefix(text).value; }
net::Ipv4 ip(const char* text) { return *net::parse_ipv4(text).value; }

// One node with a Router (and so a RIB and FIB), its neighbours as bare nodes.
struct Bench {
  sim::Simulator sim;
  net::Network network{sim, 1};
  net::NodeId id = 0;
  std::vector<net::InterfaceId> ifc;  // of the node under test, in the order added
  std::unique_ptr<node::Router> router;

  Bench(const char* name, Vendor v) { id = network.add_node(name, net::NodeKind::kSwitch, v); }

  // An interface of the node; with `peer_address` a link to a new bare node.
  net::InterfaceId add(const char* name, const char* address, const char* peer_address = nullptr) {
    const net::InterfaceId i = network.add_interface(id, name);
    network.add_address(i, *net::parse_interface_address(address).value);
    if (peer_address != nullptr) {
      const net::NodeId peer = network.add_node(std::string("peer-") + peer_address,
                                                net::NodeKind::kSwitch, Vendor::kJunos);
      const net::InterfaceId pi = network.add_interface(peer, "p0");
      network.add_address(pi, *net::parse_interface_address(peer_address).value);
      network.connect(i, pi, net::LinkParams{});
    }
    ifc.push_back(i);
    return i;
  }

  void start() {
    router =
        std::make_unique<node::Router>(network, id, rib::fib_defaults(network.node(id).vendor));
    router->rib().set_clock(&sim);
    router->start();
  }

  // Puts `r` into the RIB at simulated time `at`.
  void put_at(Time at, rib::Route r) {
    sim.run_until(at);
    router->rib().update(std::move(r));
  }

  std::string show(run::ShowView view, std::optional<std::string> arg = std::nullopt,
                   std::optional<run::ShowStyle> style = std::nullopt) {
    const run::ShowNode n{network, *router, nullptr, sim.now(), nullptr};
    return run::render_show(n, run::ShowRequest{view, std::move(arg), style, false});
  }
};

rib::Route route(Vendor v, const char* p, rib::Protocol protocol, std::vector<rib::NextHop> hops,
                 uint32_t metric = 0, rib::SourceId source = 0) {
  rib::Route r;
  r.prefix = prefix(p);
  r.protocol = protocol;
  r.next_hops = std::move(hops);
  r.metric = metric;
  r.source = source;
  r.preference = rib::default_internal_preference(v, protocol);
  return r;
}

Time at_s(int64_t s) { return Time::zero() + Duration::seconds(s); }
Time at_ms(int64_t ms) { return Time::zero() + Duration::milliseconds(ms); }

// `mhsim show` in process: stdout, stderr and the exit status.
struct Shown {
  int status = -1;
  std::string out, err;
};
Shown show(run::ShowOptions o) {
  std::ostringstream out, err;
  Shown s;
  s.status = run::show_command(o, out, err);
  s.out = out.str();
  s.err = err.str();
  return s;
}
Shown lab(const char* node, const char* view, std::optional<std::string> arg = std::nullopt,
          std::optional<std::string> style = std::nullopt) {
  run::ShowOptions o;
  o.scenario_path = kSeedLab;
  o.node = node;
  o.view = view;
  o.arg = std::move(arg);
  o.style = std::move(style);
  o.at = Duration::seconds(30);
  return show(o);
}

// BGP timing belongs to the BGP model: the lab checks keep the layout and
// the content and mask the times that timing decides.
std::string mask_times(const std::string& text) {
  return std::regex_replace(text, std::regex(R"(\d\d:\d\d:\d\d\.\d\d\d)"), "HH:MM:SS.mmm");
}

}  // namespace

TEST_CASE("Junos show route and forwarding-table: OSPF external route over two links", "[show]") {
  // C-SW-1 of the lab: `export ECMP` to the forwarding table puts both next
  // hops into the FIB (a unilist); `show route` still marks one with `>`.
  Bench c("C-SW-1", Vendor::kJunos);
  const net::InterfaceId ge0 = c.add("ge-0/0/0", "10.1.1.0/31", "10.1.1.1/31");
  const net::InterfaceId ge1 = c.add("ge-0/0/1", "10.1.1.3/31", "10.1.1.2/31");
  c.add("lo0", "10.255.0.3/32");
  c.start();
  const policy::Policy ecmp{
      "ECMP",
      {policy::Term{"", {}, {policy::Action::load_balance()}, policy::Verdict::kNext}},
      policy::Verdict::kNext};
  c.router->fib_sync().set_forwarding_policy(&ecmp);
  c.put_at(at_s(1), route(Vendor::kJunos, "192.168.100.1/32", rib::Protocol::kOspfExternal2,
                          {{ip("10.1.1.1"), ge0}, {ip("10.1.1.2"), ge1}}));
  c.sim.run_until(at_s(1) + Duration::seconds(58 * 60 + 45));

  CHECK(c.show(run::ShowView::kRoute, "192.168.100.1") ==
        "\n"
        "inet.0: 4 destinations, 4 routes (4 active, 0 holddown, 0 hidden)\n"
        "@ = Routing Use Only, # = Forwarding Use Only\n"
        "+ = Active Route, - = Last Active, * = Both\n"
        "\n"
        "192.168.100.1/32   *[OSPF/150] 00:58:45, metric 0, tag 0\n"
        "                    >  to 10.1.1.1 via ge-0/0/0.0\n"
        "                       to 10.1.1.2 via ge-0/0/1.0\n"
        "\n");
  CHECK(c.show(run::ShowView::kForwarding, "192.168.100.1") ==
        "Routing table: default.inet\n"
        "Internet:\n"
        "Destination        Type RtRef Next hop           Type Index    NhRef Netif\n"
        "192.168.100.1/32   user     0                    ulst  1048577     1\n"
        "                              10.1.1.1           ucst      583     1 ge-0/0/0.0\n"
        "                              10.1.1.2           ucst      584     1 ge-0/0/1.0\n"
        "\n");
  CHECK(c.show(run::ShowView::kForwarding) ==
        "Routing table: default.inet\n"
        "Internet:\n"
        "Destination        Type RtRef Next hop           Type Index    NhRef Netif\n"
        "10.1.1.0/31        intf     0                    rslv      580     1 ge-0/0/0.0\n"
        "10.1.1.2/31        intf     0                    rslv      581     1 ge-0/0/1.0\n"
        "10.255.0.3/32      intf     0 10.255.0.3         locl      582     1 lo0.0\n"
        "192.168.100.1/32   user     0                    ulst  1048577     1\n"
        "                              10.1.1.1           ucst      583     1 ge-0/0/0.0\n"
        "                              10.1.1.2           ucst      584     1 ge-0/0/1.0\n"
        "\n");
}

TEST_CASE("Junos show route lists inactive routes and discard routes", "[show]") {
  Bench s("S-SW-1", Vendor::kJunos);
  const net::InterfaceId ge0 = s.add("ge-0/0/0", "10.1.1.1/31", "10.1.1.0/31");
  s.start();
  s.put_at(at_s(2), route(Vendor::kJunos, "0.0.0.0/0", rib::Protocol::kStatic, {}));
  rib::Route backup =
      route(Vendor::kJunos, "10.255.0.3/32", rib::Protocol::kStatic, {{ip("10.1.1.0"), ge0}});
  backup.preference = rib::to_internal(Vendor::kJunos, 200);
  s.put_at(at_s(3), backup);
  s.put_at(at_s(4), route(Vendor::kJunos, "10.255.0.3/32", rib::Protocol::kOspfInternal,
                          {{ip("10.1.1.0"), ge0}}, 1));
  s.sim.run_until(at_s(3 * 86400 + 3600));

  CHECK(s.show(run::ShowView::kRoute) ==
        "\n"
        "inet.0: 3 destinations, 4 routes (3 active, 0 holddown, 0 hidden)\n"
        "@ = Routing Use Only, # = Forwarding Use Only\n"
        "+ = Active Route, - = Last Active, * = Both\n"
        "\n"
        "0.0.0.0/0          *[Static/5] 3d 00:59:58\n"
        "                       Discard\n"
        "10.1.1.0/31        *[Direct/0] 3d 01:00:00\n"
        "                    >  via ge-0/0/0.0\n"
        "10.255.0.3/32      *[OSPF/10] 3d 00:59:56, metric 1\n"
        "                    >  to 10.1.1.0 via ge-0/0/0.0\n"
        "                    [Static/200] 3d 00:59:57\n"
        "                    >  to 10.1.1.0 via ge-0/0/0.0\n"
        "\n");
  CHECK(s.show(run::ShowView::kForwarding, "default") ==
        "Routing table: default.inet\n"
        "Internet:\n"
        "Destination        Type RtRef Next hop           Type Index    NhRef Netif\n"
        "default            user     0                    dscd       34     1\n"
        "\n");
  // A prefix selects the routes inside it, or else its longest match.
  CHECK(s.show(run::ShowView::kRoute, "10.0.0.0/8").find("10.1.1.0/31        *[Direct/0]") !=
        std::string::npos);
  CHECK(s.show(run::ShowView::kRoute, "10.77.0.0/16").find("0.0.0.0/0          *[Static/5]") !=
        std::string::npos);
  CHECK(s.show(run::ShowView::kBgpSummary) == "error: the bgp subsystem is not running\n");
}

TEST_CASE("BIRD show route, show protocols and ip route on a host", "[show]") {
  Bench h("pc", Vendor::kBird);
  const net::InterfaceId eth0 = h.add("eth0", "10.10.1.2/30", "10.10.1.1/30");
  const net::InterfaceId eth1 = h.add("eth1", "10.10.2.2/30", "10.10.2.1/30");
  h.add("lo", "192.168.100.1/32");
  h.start();
  h.put_at(at_ms(5004), route(Vendor::kBird, "0.0.0.0/0", rib::Protocol::kStatic,
                              {{ip("10.10.1.1"), eth0}, {ip("10.10.2.1"), eth1}}));
  h.put_at(at_ms(6000),
           route(Vendor::kBird, "10.10.9.0/24", rib::Protocol::kKernel, {{ip("10.10.2.1"), eth1}}));
  h.put_at(at_ms(7250), route(Vendor::kBird, "10.10.9.0/24", rib::Protocol::kStatic,
                              {{ip("10.10.1.1"), eth0}}, 0, 1));
  h.put_at(at_ms(8000), route(Vendor::kBird, "10.99.0.0/16", rib::Protocol::kStatic, {}, 0, 2));
  h.sim.run_until(at_s(3723));  // 01:02:03

  CHECK(h.show(run::ShowView::kRoute) ==
        "Table master4:\n"
        "0.0.0.0/0            unicast [static1 00:00:05.004] * (200)\n"
        "\tvia 10.10.1.1 on eth0 weight 1\n"
        "\tvia 10.10.2.1 on eth1 weight 1\n"
        "10.10.1.0/30         unicast [direct1 00:00:00.000] * (240)\n"
        "\tdev eth0\n"
        "10.10.2.0/30         unicast [direct1 00:00:00.000] * (240)\n"
        "\tdev eth1\n"
        "10.10.9.0/24         unicast [static1 00:00:07.250] * (200)\n"
        "\tvia 10.10.1.1 on eth0\n"
        "                     unicast [kernel1 00:00:06.000] (10)\n"
        "\tvia 10.10.2.1 on eth1\n"
        "10.99.0.0/16         blackhole [static1 00:00:08.000] * (200)\n"
        "192.168.100.1/32     unicast [direct1 00:00:00.000] * (240)\n"
        "\tdev lo\n");
  // `show route for ADDRESS` is the longest match; a prefix is taken exactly.
  CHECK(h.show(run::ShowView::kRoute, "10.10.9.77") ==
        "Table master4:\n"
        "10.10.9.0/24         unicast [static1 00:00:07.250] * (200)\n"
        "\tvia 10.10.1.1 on eth0\n"
        "                     unicast [kernel1 00:00:06.000] (10)\n"
        "\tvia 10.10.2.1 on eth1\n");
  CHECK(h.show(run::ShowView::kRoute, "10.10.0.0/16") == "Network not found\n");
  CHECK(h.show(run::ShowView::kProtocols) ==
        "Name       Proto      Table      State  Since         Info\n"
        "kernel1    Kernel     master4    up     00:00:00.000  \n"
        "device1    Device     ---        up     00:00:00.000  \n"
        "direct1    Direct     ---        up     00:00:00.000  \n"
        "static1    Static     master4    up     00:00:00.000  \n");
  // The host's kernel table, as `ip route` prints it (trailing spaces included);
  // lo's /32 is in the local table, which `ip route show` does not list.
  CHECK(h.show(run::ShowView::kForwarding) ==
        "default proto bird metric 32 \n"
        "\tnexthop via 10.10.1.1 dev eth0 weight 1 \n"
        "\tnexthop via 10.10.2.1 dev eth1 weight 1 \n"
        "10.10.1.0/30 dev eth0 proto kernel scope link src 10.10.1.2 \n"
        "10.10.2.0/30 dev eth1 proto kernel scope link src 10.10.2.2 \n"
        "10.10.9.0/24 via 10.10.1.1 dev eth0 proto bird metric 32 \n"
        "blackhole 10.99.0.0/16 proto bird metric 32 \n");
  CHECK(h.show(run::ShowView::kForwarding, "default") ==
        "default proto bird metric 32 \n"
        "\tnexthop via 10.10.1.1 dev eth0 weight 1 \n"
        "\tnexthop via 10.10.2.1 dev eth1 weight 1 \n");
  // An address: every route holding it, as `ip route show match` lists them.
  CHECK(h.show(run::ShowView::kForwarding, "10.10.9.1") ==
        "default proto bird metric 32 \n"
        "\tnexthop via 10.10.1.1 dev eth0 weight 1 \n"
        "\tnexthop via 10.10.2.1 dev eth1 weight 1 \n"
        "10.10.9.0/24 via 10.10.1.1 dev eth0 proto bird metric 32 \n");
  // A Linux host shows the same views as BIRD by default.
  CHECK(run::default_style(Vendor::kLinux) == run::ShowStyle::kBird);
}

TEST_CASE("FRR show ip route, its detail form, and ip route", "[show]") {
  Bench f("leaf", Vendor::kFrr);
  const net::InterfaceId eth0 = f.add("eth0", "10.10.1.2/30", "10.10.1.1/30");
  const net::InterfaceId eth1 = f.add("eth1", "10.10.2.2/30", "10.10.2.1/30");
  f.start();
  f.put_at(at_s(10), route(Vendor::kFrr, "0.0.0.0/0", rib::Protocol::kStatic,
                           {{ip("10.10.1.1"), eth0}, {ip("10.10.2.1"), eth1}}));
  f.put_at(at_s(20), route(Vendor::kFrr, "10.10.9.0/24", rib::Protocol::kOspfInternal,
                           {{ip("10.10.2.1"), eth1}}, 20));
  f.put_at(at_s(30), route(Vendor::kFrr, "10.10.9.0/24", rib::Protocol::kStatic,
                           {{ip("10.10.1.1"), eth0}}, 0, 1));
  f.sim.run_until(at_s(70));

  CHECK(f.show(run::ShowView::kRoute) ==
        "Codes: K - kernel route, C - connected, S - static, R - RIP,\n"
        "       O - OSPF, I - IS-IS, B - BGP, E - EIGRP, N - NHRP,\n"
        "       T - Table, v - VNC, V - VNC-Direct, A - Babel, F - PBR,\n"
        "       f - OpenFabric,\n"
        "       > - selected route, * - FIB route, q - queued, r - rejected, b - backup\n"
        "       t - trapped, o - offload failure\n"
        "\n"
        "S>* 0.0.0.0/0 [1/0] via 10.10.1.1, eth0, weight 1, 00:01:00\n"
        "  *                 via 10.10.2.1, eth1, weight 1, 00:01:00\n"
        "C>* 10.10.1.0/30 is directly connected, eth0, 00:01:10\n"
        "C>* 10.10.2.0/30 is directly connected, eth1, 00:01:10\n"
        "S>* 10.10.9.0/24 [1/0] via 10.10.1.1, eth0, weight 1, 00:00:40\n"
        "O   10.10.9.0/24 [110/20] via 10.10.2.1, eth1, weight 1, 00:00:50\n");
  CHECK(f.show(run::ShowView::kRoute, "10.10.9.9") ==
        "Routing entry for 10.10.9.0/24\n"
        "  Known via \"static\", distance 1, metric 0, best\n"
        "  Last update 00:00:40 ago\n"
        "  * 10.10.1.1, via eth0, weight 1\n"
        "\n"
        "  Known via \"ospf\", distance 110, metric 20\n"
        "  Last update 00:00:50 ago\n"
        "    10.10.2.1, via eth1, weight 1\n"
        "\n");
  CHECK(f.show(run::ShowView::kRoute, "10.10.0.0/16") == "% Network not in table\n");
  // zebra installs with the protocol's name and the distance as the metric.
  CHECK(f.show(run::ShowView::kForwarding) ==
        "default proto static metric 1 \n"
        "\tnexthop via 10.10.1.1 dev eth0 weight 1 \n"
        "\tnexthop via 10.10.2.1 dev eth1 weight 1 \n"
        "10.10.1.0/30 dev eth0 proto kernel scope link src 10.10.1.2 \n"
        "10.10.2.0/30 dev eth1 proto kernel scope link src 10.10.2.2 \n"
        "10.10.9.0/24 via 10.10.1.1 dev eth0 proto static metric 1 \n");
  CHECK(f.show(run::ShowView::kBgpSummary) == "% BGP instance not found\n");
}

TEST_CASE("any style can be asked of any node", "[show]") {
  Bench h("pc", Vendor::kBird);
  h.add("eth0", "10.10.1.2/30", "10.10.1.1/30");
  h.start();
  h.sim.run_until(at_s(61));
  // Preferences stay in the node's own convention (BIRD's direct 240).
  CHECK(h.show(run::ShowView::kRoute, std::nullopt, run::ShowStyle::kJunos)
            .find("10.10.1.0/30       *[Direct/240] 00:01:01\n"
                  "                    >  via eth0\n") != std::string::npos);
  CHECK(h.show(run::ShowView::kRoute, std::nullopt, run::ShowStyle::kFrr)
            .find("C>* 10.10.1.0/30 is directly connected, eth0, 00:01:01\n") != std::string::npos);
  // Junos prints nothing at all when nothing matches (here: no default route).
  CHECK(h.show(run::ShowView::kRoute, "172.16.0.0/12", run::ShowStyle::kJunos).empty());
}

TEST_CASE("a route's age is when the RIB last changed it", "[show]") {
  Bench h("pc", Vendor::kBird);
  const net::InterfaceId eth0 = h.add("eth0", "10.10.1.2/30", "10.10.1.1/30");
  h.start();
  const rib::Route r =
      route(Vendor::kBird, "10.0.0.0/8", rib::Protocol::kStatic, {{ip("10.10.1.1"), eth0}});
  h.put_at(at_s(1), r);
  h.put_at(at_s(2), r);  // identical: the route keeps its age
  CHECK(h.router->rib().active(prefix("10.0.0.0/8"))->since == at_s(1));
  rib::Route changed = r;
  changed.metric = 5;
  h.put_at(at_s(3), changed);
  CHECK(h.router->rib().active(prefix("10.0.0.0/8"))->since == at_s(3));
  // Without a clock (a RIB on its own) every route is from time zero.
  rib::Rib bare(Vendor::kBird);
  bare.update(r);
  CHECK(bare.active(prefix("10.0.0.0/8"))->since == Time::zero());
}

TEST_CASE("bad arguments are errors that say what would do", "[show]") {
  Bench h("pc", Vendor::kBird);
  h.add("eth0", "10.10.1.2/30", "10.10.1.1/30");
  h.start();
  const auto message = [&](run::ShowView v, std::optional<std::string> arg) {
    try {
      h.show(v, std::move(arg));
    } catch (const run::ShowError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(message(run::ShowView::kRoute, "10.10.1.2/30") ==
        "'10.10.1.2/30' is not a prefix: '10.10.1.2/30' has host bits set (did you mean "
        "10.10.1.0/30?)");
  CHECK(message(run::ShowView::kRoute, "eth0").find("is not an address, a prefix or `default`") !=
        std::string::npos);
  CHECK(message(run::ShowView::kBgpSummary, "x") == "`bgp-summary` takes no argument (got 'x')");
  CHECK(message(run::ShowView::kBgpReceived, "10.10.1.1") ==
        "pc runs no BGP, so it has no BGP neighbours");
  CHECK(run::parse_view("bgp-received") == run::ShowView::kBgpReceived);
  CHECK_FALSE(run::parse_view("routes"));
  CHECK(run::parse_style("frr") == run::ShowStyle::kFrr);
}

// --- the seed lab at 30 s, beside the write-up's captures ------------------------

TEST_CASE("seed lab pc: show route has both defaults, sw_sw_1 best", "[show]") {
  const Shown s = lab("pc", "route");
  REQUIRE(s.status == 0);
  CHECK(s.err.empty());
  CHECK(mask_times(s.out) ==
        "Table master4:\n"
        "0.0.0.0/0            unicast [sw_sw_1 HH:MM:SS.mmm] * (100) [AS65001i]\n"
        "\tvia 10.10.1.1 on eth0\n"
        "                     unicast [sw_sw_2 HH:MM:SS.mmm] (100) [AS65001i]\n"
        "\tvia 10.10.2.1 on eth1\n"
        "10.10.1.0/30         unicast [direct1 HH:MM:SS.mmm] * (240)\n"
        "\tdev eth0\n"
        "10.10.2.0/30         unicast [direct1 HH:MM:SS.mmm] * (240)\n"
        "\tdev eth1\n"
        "192.168.100.1/32     unicast [direct1 HH:MM:SS.mmm] * (240)\n"
        "\tdev lo\n");
  // The routes arrived when their sessions came up, as in the write-up.
  const Shown p = lab("pc", "protocols");
  CHECK(mask_times(p.out) ==
        "Name       Proto      Table      State  Since         Info\n"
        "kernel1    Kernel     master4    up     HH:MM:SS.mmm  \n"
        "device1    Device     ---        up     HH:MM:SS.mmm  \n"
        "direct1    Direct     ---        up     HH:MM:SS.mmm  \n"
        "sw_sw_1    BGP        ---        up     HH:MM:SS.mmm  Established   \n"
        "sw_sw_2    BGP        ---        up     HH:MM:SS.mmm  Established   \n");
  const auto since = [](const std::string& text, const std::string& name) {
    const size_t at = text.find(name + " ");
    return text.substr(text.find_first_of("0123456789", at + name.size()), 12);
  };
  CHECK(since(s.out, "[sw_sw_1") == since(p.out, "sw_sw_1    BGP        ---        up"));
}

TEST_CASE("seed lab pc: ip route show default has two nexthops", "[show]") {
  const Shown s = lab("pc", "forwarding", "default");
  REQUIRE(s.status == 0);
  CHECK(s.out ==
        "default proto bird metric 32 \n"
        "\tnexthop via 10.10.1.1 dev eth0 weight 1 \n"
        "\tnexthop via 10.10.2.1 dev eth1 weight 1 \n");
}

TEST_CASE("seed lab S-SW-1: show route receive-protocol bgp 10.10.1.2", "[show]") {
  const Shown s = lab("S-SW-1", "bgp-received", "10.10.1.2");
  REQUIRE(s.status == 0);
  // The table's size grows as protocols are added to the lab; the rest is the write-up's.
  CHECK(std::regex_search(s.out,
                          std::regex("^\ninet\\.0: \\d+ destinations, \\d+ routes \\(\\d+ active, "
                                     "0 holddown, 0 hidden\\)\n")));
  CHECK(s.out.substr(s.out.find("  Prefix")) ==
        "  Prefix                  Nexthop              MED     Lclpref    AS path\n"
        "* 192.168.100.1/32        10.10.1.2                               65000 I\n"
        "\n");
  // The neighbour can be named by its group too.
  CHECK(lab("S-SW-1", "bgp-received", "SERVER").out == s.out);
}

TEST_CASE("seed lab S-SW-1: show bgp summary has the peer Established", "[show]") {
  const Shown s = lab("S-SW-1", "bgp-summary");
  REQUIRE(s.status == 0);
  std::vector<std::string> lines;
  std::istringstream in(s.out);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  REQUIRE(lines.size() == 10);
  CHECK(lines[0] == "Threading mode: BGP I/O");
  CHECK(lines[2] == "Groups: 1 Peers: 1 Down peers: 0");
  CHECK(lines[3] ==
        "Table          Tot Paths  Act Paths Suppressed    History Damp State    Pending");
  CHECK(lines[4] == "inet.0               ");
  CHECK(lines[5] ==
        "                       1          1          0          0          0          0");
  CHECK(lines[6].rfind(
            "Peer                     AS      InPkt     OutPkt    OutQ   Flaps Last Up/Dwn State",
            0) == 0);
  // Columns as in the capture: AS ends at 27, Establ starts at 78.
  CHECK(
      std::regex_match(lines[7], std::regex(R"(10\.10\.1\.2 +65000 +\d+ +\d+ +0 +0 +\d+ Establ)")));
  CHECK(lines[7].substr(22, 5) == "65000");
  CHECK(lines[7].substr(78) == "Establ");
  CHECK(lines[8] == "  inet.0: 1/1/1/0");
  CHECK(lines[9].empty());
}

TEST_CASE("seed lab S-SW-1: show route 192.168.100.1 is the BGP route at preference 90", "[show]") {
  const Shown s = lab("S-SW-1", "route", "192.168.100.1");
  REQUIRE(s.status == 0);
  // Behind it, S-SW-2's copy through OSPF (external, 150) via C-SW-1.
  CHECK(std::regex_search(
      s.out,
      std::regex("\n192\\.168\\.100\\.1/32   \\*\\[BGP/90\\] \\d\\d:\\d\\d:\\d\\d, localpref 100\n"
                 "                      AS path: 65000 I, validation-state: unverified\n"
                 "                    >  to 10\\.10\\.1\\.2 via ge-0/0/9\\.0\n"
                 "                    \\[OSPF/150\\] \\d\\d:\\d\\d:\\d\\d, metric 0, tag 0\n"
                 "                    >  to 10\\.1\\.1\\.0 via ge-0/0/0\\.0\n\n$")));
}

TEST_CASE("show is deterministic and --prompt names the router command", "[show]") {
  CHECK(lab("pc", "route").out == lab("pc", "route").out);
  run::ShowOptions o;
  o.scenario_path = kSeedLab;
  o.node = "S-SW-1";
  o.view = "bgp-received";
  o.arg = "10.10.1.2";
  o.at = Duration::seconds(30);
  o.prompt = true;
  CHECK(show(o).out.rfind("root@S-SW-1> show route receive-protocol bgp 10.10.1.2\n\ninet.0: ",
                          0) == 0);
  o.node = "pc";
  o.view = "forwarding";
  o.arg = "default";
  CHECK(show(o).out.rfind("pc:~# ip route show default\ndefault proto bird", 0) == 0);
  o.view = "route";
  o.arg = "192.168.100.1";
  o.style = "frr";
  CHECK(show(o).out.rfind("pc# show ip route 192.168.100.1\nRouting entry for 192.168.100.1/32\n",
                          0) == 0);
}

TEST_CASE("show command errors exit 2 and say what would do", "[show]") {
  const auto err = [](const std::string& args) {
    const auto r = test::run_mhsim("show " + kSeedLab + " " + args);
    CHECK(r.status == 2);
    CHECK(r.out.empty());
    return r.err;
  };
  CHECK(
      err("--node S-SW1 route") ==
      "mhsim: error: no node 'S-SW1' in seed-lab (did you mean 'S-SW-1'?); its nodes: pc, S-SW-1, "
      "S-SW-2, C-SW-1, client\n");
  CHECK(
      err("--node pc rout") ==
      "mhsim: error: unknown view 'rout' (did you mean 'route'?); use one of: route, bgp-summary, "
      "bgp-received, forwarding, protocols, ospf-neighbors, ospf-database, ospf-route\n");
  CHECK(err("--node pc route --at 181s") ==
        "mhsim: error: --at 181s is after the end of seed-lab (duration 3m)\n");
  CHECK(err("--node pc bgp-received 10.10.3.1") ==
        "mhsim: error: pc has no BGP neighbour '10.10.3.1' (did you mean '10.10.1.1'?); its "
        "neighbours: 10.10.1.1 (sw_sw_1), 10.10.2.1 (sw_sw_2)\n");
  CHECK(err("--node pc bgp-received") ==
        "mhsim: error: `bgp-received` needs a neighbour (address or name); pc's neighbours: "
        "10.10.1.1 (sw_sw_1), 10.10.2.1 (sw_sw_2)\n");
  CHECK(err("--node pc route --style cisco").find("--style") != std::string::npos);
  CHECK(err("--node pc route --at 30").find("--at") != std::string::npos);
  CHECK(err("--node pc route 300.1.1.1").find("'300.1.1.1' is not an address") !=
        std::string::npos);
  CHECK(err("route").find("--node") != std::string::npos);

  const auto ok = test::run_mhsim("show " + kSeedLab + " --at 30s --node pc forwarding default");
  CHECK(ok.status == 0);
  CHECK(ok.out == lab("pc", "forwarding", "default").out);
  const auto help = test::run_mhsim("show --help");
  CHECK(help.status == 0);
  CHECK(help.out.find("bgp-received NEIGHBOR") != std::string::npos);
}
