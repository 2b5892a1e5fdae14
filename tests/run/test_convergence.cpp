// The convergence report (sim/run/convergence.hpp): its window logic on a
// hand-built case, then the seed lab's carrier loss and a silent failure,
// with every figure computed from the configured timers.
//
//                 C-SW-1            Junos SPF delay 200ms, FIB install 20ms
//        ge-0/0/0 /      \ ge-0/0/1
//          S-SW-1          S-SW-2   eBGP hold 90s (Junos) vs 240s (BIRD): 90s
//        ge-0/0/9 \      / ge-0/0/9
//             eth0  pc  eth1        the pc:eth0 link fails at 60s
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <sstream>

#include "sim/run/convergence.hpp"
#include "sim/run/world.hpp"
#include "tests/run/scenario_files.hpp"

using sim::Duration;
using sim::Time;

namespace {

const std::string kSeedLab = std::string(MHSIM_SOURCE_DIR) + "/scenarios/seed-lab.yaml";

// Seconds as written in the test, rounded to the picosecond.
Duration secs(double s) { return Duration::picoseconds(std::llround(s * 1e12)); }
Time at_s(double s) { return Time::zero() + secs(s); }
size_t reason(net::DropReason r) { return static_cast<size_t>(r); }

net::Packet data_packet(uint32_t flow, uint64_t seq, Time created, bool looped = false) {
  net::Packet p;
  p.flow = flow;
  p.seq = seq;
  p.created = created;
  p.looped = looped;
  return p;
}

const run::NodeConvergence* node_of(const run::EventConvergence& e, const std::string& name) {
  for (const run::NodeConvergence& n : e.nodes)
    if (n.name == name) return &n;
  return nullptr;
}

// The seed lab (or a variant) with a recorder, run in steps.
struct Lab {
  explicit Lab(run::Scenario s) : scenario(std::move(s)) {}
  run::Scenario scenario;
  run::World world{scenario, scenario.seed};
  run::ConvergenceRecorder recorder{world, run::event_marks(scenario)};

  net::NodeId id(const char* node) const { return world.network().find_node(node); }
  const node::Router& router(const char* node) const { return world.router(id(node)); }
  void run_to(Time t) { world.simulator().run_until(t); }
  // When `node` installed the MaxAge copy of the service's AS-external-LSA
  // from S-SW-1: the flush's arrival (call within 2s of it: then it is gone).
  Time flush_arrival(const char* node) const {
    const ospf::LsdbEntry* e = world.ospf(id(node))->lsdb().find(
        {ospf::LsaType::kAsExternal, *net::parse_ipv4("192.168.100.1").value,
         *net::parse_ipv4("10.255.0.1").value});
    REQUIRE(e);
    CHECK(e->max_age(world.simulator().now()));
    return e->installed_at;
  }
};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("convergence windows: simultaneous events share the first one's window",
          "[run][convergence]") {
  using R = net::DropReason;
  run::ConvergenceLog log(
      {{at_s(10), "down", "A"}, {at_s(10), "silent", "B"}, {at_s(20), "restore", "A"}},
      {"n0", "n1"}, Duration::seconds(1));
  log.node_reacted(0, at_s(5));  // before any event: no window
  log.packet_dropped(data_packet(0, 0, at_s(4.9)), R::kNoRoute, at_s(5));
  log.node_reacted(1, at_s(10));
  log.node_reacted(1, at_s(12));  // not its first
  log.fib_changed(0, at_s(11));
  log.fib_changed(0, at_s(13.5));
  // Flow 0 loses one packet, then gets through; flow 1's last packet in the window is lost.
  log.packet_dropped(data_packet(0, 1, at_s(10.4), true), R::kLinkDown, at_s(10.5));
  log.packet_delivered(data_packet(0, 2, at_s(10.9)), at_s(11));
  log.packet_delivered(data_packet(1, 4, at_s(14)), at_s(14.1));
  log.packet_dropped(data_packet(1, 5, at_s(14.9)), R::kTtlExpired, at_s(15));
  // Window of 20s: only a packet sent before the event is lost, then its flow recovers.
  log.packet_delivered(data_packet(1, 6, at_s(20.5), true),
                       at_s(20.6));  // recovers after the window
  log.packet_dropped(data_packet(2, 0, at_s(19.999)), R::kLinkDown, at_s(20.2));
  log.packet_delivered(data_packet(2, 1, at_s(20.3)), at_s(20.4));
  const std::vector<run::EventConvergence> events = log.finish(at_s(30));

  REQUIRE(events.size() == 3);
  const run::EventConvergence& first = events[0];
  CHECK(first.owns_window());
  CHECK(first.window_end == at_s(20));
  REQUIRE(first.nodes.size() == 2);
  CHECK(first.nodes[0].name == "n0");
  CHECK_FALSE(first.nodes[0].detected);
  CHECK(first.nodes[0].fib_converged == secs(3.5));
  CHECK(first.nodes[1].detected == Duration::zero());
  CHECK_FALSE(first.nodes[1].fib_converged);
  CHECK(first.network_converged == secs(3.5));
  CHECK(first.network_converged_node == "n0");
  CHECK(first.packets_lost_total == 2);
  CHECK(first.packets_lost[reason(R::kLinkDown)] == 1);
  CHECK(first.packets_lost[reason(R::kTtlExpired)] == 1);
  CHECK(first.packets_lost[reason(R::kNoRoute)] == 0);  // at 5s, before the window
  CHECK(first.traffic_restored == secs(4.9));
  CHECK_FALSE(first.restored);  // flow 1's newest packet at 20s was lost
  CHECK(first.loops == 1);

  const run::EventConvergence& same_time = events[1];
  CHECK(same_time.window_of == 0);
  CHECK_FALSE(same_time.owns_window());
  CHECK(same_time.nodes.empty());
  CHECK(same_time.packets_lost_total == 0);

  const run::EventConvergence& last = events[2];
  CHECK(last.owns_window());
  CHECK(last.window_end == at_s(30));
  CHECK(last.nodes.empty());
  CHECK_FALSE(last.network_converged);
  CHECK(last.traffic_restored == Duration::zero());  // sent before the event: whole from +0
  CHECK(last.restored);
  CHECK(last.loops == 1);

  CHECK(run::convergence_csv(events) ==
        "event,at_s,action,target,node,detected_s,fib_converged_s,network_converged_s,"
        "traffic_restored_s,restored,packets_lost,loops\n"
        "0,10.000000000,down,A,n0,,3.500000000,3.500000000,4.900000000,false,2,1\n"
        "0,10.000000000,down,A,n1,0.000000000,,3.500000000,4.900000000,false,2,1\n"
        "1,10.000000000,silent,B,,,,,,,,\n"
        "2,20.000000000,restore,A,,,,,0.000000000,true,1,1\n");

  const nlohmann::ordered_json j = run::convergence_json(events);
  REQUIRE(j.size() == 3);
  CHECK(j[0]["network_converged_s"] == 3.5);
  CHECK(j[0]["packets_lost"]["link_down"] == 1);
  CHECK(j[0]["packets_lost"]["total"] == 2);
  CHECK(j[0]["nodes"][1]["detected_s"] == 0.0);
  CHECK(j[0]["nodes"][1]["fib_converged_s"].is_null());
  CHECK(j[1]["window_of"] == 0);
  CHECK(j[1]["packets_lost"].is_null());
  CHECK(j[2]["network_converged_s"].is_null());

  std::ostringstream loss;
  run::write_loss_csv(loss, log, at_s(30));
  std::istringstream rows(loss.str());
  std::vector<std::string> lines;
  for (std::string line; std::getline(rows, line);) lines.push_back(line);
  REQUIRE(lines.size() == 31);  // header and one row per second from 0 to 29
  std::string header = "time_s";
  for (size_t r = 0; r < reason(R::kCount); ++r)
    header += "," + std::string(net::drop_reason_name(static_cast<R>(r)));
  CHECK(lines[0] == header + ",total");
  const auto row = [](const char* time, std::vector<std::pair<R, int>> counts) {
    std::string s = time;
    int total = 0;
    for (size_t r = 0; r < reason(R::kCount); ++r) {
      int n = 0;
      for (const auto& [which, k] : counts)
        if (reason(which) == r) n = k;
      s += "," + std::to_string(n);
      total += n;
    }
    return s + "," + std::to_string(total);
  };
  CHECK(lines[1] == row("0.000000000", {}));
  CHECK(lines[6] == row("5.000000000", {{R::kNoRoute, 1}}));
  CHECK(lines[11] == row("10.000000000", {{R::kLinkDown, 1}}));
  CHECK(lines[16] == row("15.000000000", {{R::kTtlExpired, 1}}));
  CHECK(lines[21] == row("20.000000000", {{R::kLinkDown, 1}}));
  CHECK(lines[30] == row("29.000000000", {}));
}

TEST_CASE("convergence windows: an event after the end of the run is not reported",
          "[run][convergence]") {
  run::ConvergenceLog log({{at_s(10), "down", "A"}, {at_s(50), "restore", "A"}}, {"n0"},
                          Duration::seconds(1));
  log.fib_changed(0, at_s(12));
  const std::vector<run::EventConvergence> events = log.finish(at_s(40));
  REQUIRE(events.size() == 1);
  CHECK(events[0].window_end == at_s(40));
  CHECK(events[0].network_converged == secs(2));
  CHECK_FALSE(events[0].traffic_restored);
  CHECK(events[0].restored);
}

TEST_CASE(
    "seed lab carrier loss: detection at once, C-SW-1 converges after the flush, SPF delay and FIB "
    "install",
    "[run][convergence][seedlab]") {
  Lab lab(run::load_scenario(kSeedLab));
  const Time failure = lab.scenario.events.at(0).at;
  REQUIRE(failure == at_s(60));
  lab.run_to(failure + Duration::seconds(1));
  const Time flush = lab.flush_arrival("C-SW-1");
  lab.run_to(Time::zero() + lab.scenario.duration);
  const std::vector<run::EventConvergence> events = lab.recorder.finish();
  REQUIRE(events.size() == 2);
  const run::EventConvergence& down = events[0];
  CHECK(down.mark.action == "down");
  CHECK(down.mark.target == "pc:eth0--S-SW-1:ge-0/0/9");
  CHECK(down.window_end == lab.scenario.events.at(1).at);

  // Both ends of the link see the carrier go at once.
  for (const char* n : {"pc", "S-SW-1"}) {
    CAPTURE(n);
    const run::NodeConvergence* c = node_of(down, n);
    REQUIRE(c);
    CHECK(c->detected == Duration::zero());
    // Each drops its routes over the link at once and programs its FIB one install delay later.
    CHECK(c->fib_converged == lab.router(n).fib_sync().options().install_delay);
  }
  // C-SW-1 hears of it by the flushed AS-external-LSA, runs SPF after the
  // Junos SPF delay, and its FIB follows one install delay later.
  const run::NodeConvergence* core = node_of(down, "C-SW-1");
  REQUIRE(core);
  const Duration spf_delay = lab.world.ospf(lab.id("C-SW-1"))->timers().spf.delay;
  const Duration install = lab.router("C-SW-1").fib_sync().options().install_delay;
  CHECK(spf_delay == Duration::milliseconds(200));
  CHECK(install == Duration::milliseconds(20));
  const Duration expected = (flush - failure) + spf_delay + install;
  CHECK(core->fib_converged == expected);
  CHECK(sim::format_seconds(expected) == "0.220006216");  // as scenarios/README.md says
  CHECK(down.network_converged == expected);
  CHECK(down.network_converged_node == "C-SW-1");

  // Every data packet lost in the run was lost in this window: none before
  // the failure, none after the restore.
  const net::PacketCounters& data = lab.world.network().counters(false);
  CHECK(data.dropped_total() > 0);
  CHECK(down.packets_lost == data.dropped);
  CHECK(down.packets_lost_total == data.dropped_total());
  for (const run::ConvergenceLog::LossBin& b : lab.recorder.log().loss_bins()) {
    CHECK(lab.scenario.outputs.sample_every * b.bin >= failure.since_start());
    CHECK(lab.scenario.outputs.sample_every * b.bin < down.window_end.since_start());
  }
  // S-SW-1 sends the service's traffic to C-SW-1, which sends S-SW-1's share
  // back until its FIB changes: a transient loop, ended by the TTL.
  CHECK(down.packets_lost[reason(net::DropReason::kTtlExpired)] > 0);
  CHECK(down.loops >= down.packets_lost[reason(net::DropReason::kTtlExpired)]);
  // The traffic is whole once C-SW-1 forwards on S-SW-2 only: the last lost
  // packet was sent before that, within a TTL's worth of looping (63 hops of
  // 1000 bytes at 1 Gb/s plus 5us each: 819us).
  REQUIRE(down.traffic_restored);
  CHECK(down.restored);
  CHECK(*down.traffic_restored <= expected);
  CHECK(*down.traffic_restored > expected - Duration::microseconds(2 * 819));

  const run::EventConvergence& restore = events[1];
  CHECK(restore.mark.action == "restore");
  CHECK(restore.packets_lost_total == 0);
  CHECK_FALSE(restore.traffic_restored);
  CHECK(restore.restored);
  for (const char* n : {"pc", "S-SW-1"}) {
    const run::NodeConvergence* c = node_of(restore, n);
    REQUIRE(c);
    CHECK(c->detected == Duration::zero());
  }
  CHECK(lab.world.check_accounting().empty());
}

TEST_CASE(
    "silent pc-S-SW-1 failure: S-SW-1 detects it one hold time after the last message it received",
    "[run][convergence][seedlab]") {
  // The seed lab with the link gone silent both ways at 60s and never restored.
  std::string yaml = slurp(kSeedLab);
  const size_t events_at = yaml.find("\nevents:\n");
  REQUIRE(events_at != std::string::npos);
  yaml =
      yaml.substr(0, events_at) + "\nevents:\n  - { at: 60s, link: \"pc:eth0\", action: silent }\n";
  Lab lab(run::load_scenario(test::write_scenario(yaml)));
  const Time failure = at_s(60);
  lab.run_to(failure);

  // Junos proposes 90s, BIRD 240s: the smaller one holds (RFC 4271 §4.2).
  const node::BgpProcess* s1 = lab.world.bgp(lab.id("S-SW-1"));
  const node::BgpProcess* pc = lab.world.bgp(lab.id("pc"));
  REQUIRE(s1);
  REQUIRE(pc);
  const Duration hold =
      std::min(s1->session(0).config().timers.hold_time, pc->session(0).config().timers.hold_time);
  CHECK(hold == Duration::seconds(90));
  CHECK(s1->session(0).negotiated_hold_s() == 90);
  const Time last_heard = s1->session(0).last_received_at();
  CHECK(last_heard < failure);
  const Time expiry = last_heard + hold;

  lab.run_to(expiry + Duration::seconds(1));
  CHECK(s1->session(0).last_received_at() == last_heard);  // nothing got through since
  const Time flush = lab.flush_arrival("C-SW-1");
  lab.run_to(Time::zero() + lab.scenario.duration);
  const std::vector<run::EventConvergence> events = lab.recorder.finish();
  REQUIRE(events.size() == 1);
  const run::EventConvergence& silent = events[0];
  CHECK(silent.mark.action == "silent");

  const run::NodeConvergence* switch1 = node_of(silent, "S-SW-1");
  REQUIRE(switch1);
  CHECK(switch1->detected == expiry - failure);
  CHECK(switch1->fib_converged ==
        expiry - failure + lab.router("S-SW-1").fib_sync().options().install_delay);
  const run::NodeConvergence* core = node_of(silent, "C-SW-1");
  REQUIRE(core);
  const Duration converged = (flush - failure) +
                             lab.world.ospf(lab.id("C-SW-1"))->timers().spf.delay +
                             lab.router("C-SW-1").fib_sync().options().install_delay;
  CHECK(core->fib_converged == converged);
  CHECK(silent.network_converged >= converged);

  // Traffic hashed to S-SW-1 vanishes from the failure until C-SW-1 moves it.
  CHECK(silent.packets_lost[reason(net::DropReason::kSilent)] > 0);
  CHECK(silent.packets_lost_total == lab.world.network().counters(false).dropped_total());
  REQUIRE(silent.traffic_restored);
  CHECK(silent.restored);
  CHECK(*silent.traffic_restored > expiry - failure);
  CHECK(*silent.traffic_restored <= converged);
  CHECK(lab.world.check_accounting().empty());
}

TEST_CASE("the recorder watches packets beside the traffic accounting and unhooks when destroyed",
          "[run][convergence]") {
  run::Scenario s = run::load_scenario(kSeedLab);
  run::World world(s, s.seed);
  {
    run::ConvergenceRecorder recorder(world, run::event_marks(s));
    world.simulator().run_until(at_s(61));
  }
  // The run goes on without it; traffic still counts every packet.
  world.simulator().run_until(at_s(62));
  CHECK(world.check_accounting().empty());
  uint64_t flow_lost = 0;
  for (const traffic::FlowStats& f : world.traffic().flows()) flow_lost += f.lost();
  CHECK(flow_lost == world.network().counters(false).dropped_total());
}

TEST_CASE("event marks name a one-way failure's sending node", "[run][convergence]") {
  const run::ScenarioLoad loaded = test::load_text(R"(
name: marks
duration: 10s
topology:
  nodes: { a: { kind: host, vendor: linux }, b: { kind: host, vendor: linux } }
  links: [ { endpoints: ["a:eth0", "b:eth0"] } ]
events:
  - { at: 1s, link: "a:eth0", action: silent, from: b }
  - { at: 2s, link: "b:eth0", action: restore }
)");
  const std::vector<run::EventMark> marks = run::event_marks(loaded.scenario);
  REQUIRE(marks.size() == 2);
  CHECK(marks[0].at == at_s(1));
  CHECK(marks[0].action == "silent");
  CHECK(marks[0].target == "a:eth0--b:eth0 from b");
  CHECK(marks[1].action == "restore");
  CHECK(marks[1].target == "a:eth0--b:eth0");
}

TEST_CASE("silent failure with BFD 300 ms x 3: detected within the detection time, loss bounded",
          "[run][convergence]") {
  Lab lab(run::load_scenario(std::string(MHSIM_SOURCE_DIR) + "/scenarios/lab-c-silent-bfd.yaml"));
  const Time failure = at_s(60);
  lab.run_to(failure);
  const node::BgpProcess* s1 = lab.world.bgp(lab.id("S-SW-1"));
  REQUIRE(s1);
  REQUIRE(s1->bfd_session(0));
  // RFC 5880 §6.8.4: detection time = the remote DetectMult x the agreed
  // interval. The last packet before the failure came at most one jittered
  // interval (75-100 %, §6.8.7) before it.
  const bfd::BfdTimers& t = *s1->neighbor(0).bfd;
  const Duration detect = t.desired_min_tx * t.detect_mult;
  CHECK(detect == Duration::milliseconds(900));
  lab.run_to(Time::zero() + lab.scenario.duration);
  const std::vector<run::EventConvergence> events = lab.recorder.finish();
  REQUIRE(events.size() == 2);
  const run::EventConvergence& silent = events[0];
  const run::NodeConvergence* switch1 = node_of(silent, "S-SW-1");
  REQUIRE(switch1);
  REQUIRE(switch1->detected);
  CHECK(*switch1->detected <= detect);
  CHECK(*switch1->detected >= detect - t.desired_min_tx);
  // Then the flush, C-SW-1's SPF delay and FIB install, and nothing else.
  const Duration after = lab.world.ospf(lab.id("C-SW-1"))->timers().spf.delay +
                         lab.router("C-SW-1").fib_sync().options().install_delay;
  REQUIRE(silent.network_converged);
  CHECK(*silent.network_converged >= *switch1->detected + after);
  CHECK(*silent.network_converged <= *switch1->detected + after + Duration::milliseconds(1));
  // Loss bounded by that window: 10 Mb/s of 1000 B packets is 1250 packets/s.
  const double window_s = silent.network_converged->seconds_f();
  CHECK(silent.packets_lost_total <= static_cast<uint64_t>(1250 * window_s) + 1);
  REQUIRE(silent.traffic_restored);
  CHECK(silent.restored);
  CHECK(lab.world.check_accounting().empty());
}

TEST_CASE("a dead service without a health check is never restored in its window",
          "[run][convergence]") {
  Lab lab(run::load_scenario(std::string(MHSIM_SOURCE_DIR) + "/scenarios/lab-d-service.yaml"));
  lab.run_to(Time::zero() + lab.scenario.duration);
  const std::vector<run::EventConvergence> events = lab.recorder.finish();
  REQUIRE(events.size() == 2);
  const run::EventConvergence& down = events[0];
  CHECK(down.mark.action == "service-down");
  CHECK_FALSE(down.restored);  // lost until the service-up 60 s later
  CHECK(down.packets_lost[reason(net::DropReason::kServiceDown)] == 60 * 1250);
  CHECK_FALSE(down.network_converged);  // no FIB anywhere changed
  CHECK(events[1].packets_lost_total == 0);
}

TEST_CASE("anycast with a health check: withdrawn after fall checks, then nothing lost",
          "[run][convergence]") {
  Lab lab(run::load_scenario(std::string(MHSIM_SOURCE_DIR) + "/scenarios/lab-g-anycast.yaml"));
  lab.run_to(Time::zero() + lab.scenario.duration);
  const std::vector<run::EventConvergence> events = lab.recorder.finish();
  REQUIRE(events.size() == 2);
  const run::EventConvergence& down = events[0];
  const run::HealthCheckSpec& hc = *lab.scenario.services[0].health_check;
  const Duration withdrawn = hc.timeout * hc.fall + hc.interval * (hc.fall - 1);
  const run::NodeConvergence* pc1 = node_of(down, "pc1");
  REQUIRE(pc1);
  REQUIRE(pc1->fib_converged);
  REQUIRE(down.traffic_restored);
  CHECK(down.restored);
  // Clients move to pc2 once C-SW-1 has run SPF on the flushed LSAs: the
  // last lost packet was sent before withdrawal + SPF delay + FIB install.
  const Duration after = lab.world.ospf(lab.id("C-SW-1"))->timers().spf.delay +
                         lab.router("C-SW-1").fib_sync().options().install_delay;
  CHECK(*down.traffic_restored >= withdrawn - Duration::milliseconds(10));
  CHECK(*down.traffic_restored <= withdrawn + after + Duration::milliseconds(1));
  CHECK(events[1].packets_lost_total == 0);
  CHECK(lab.world.check_accounting().empty());
}
