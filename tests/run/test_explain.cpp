// `mhsim explain`: the seed lab's carrier loss told in sentences, with the
// times and the loss of summary.json; grouping, the sentence cap, a filtered
// trace and the errors on hand-made input.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "sim/run/explain.hpp"
#include "tests/cli/run_command.hpp"

namespace fs = std::filesystem;
using Json = nlohmann::json;

namespace {

const std::string kSeedLab = std::string(MHSIM_SOURCE_DIR) + "/scenarios/seed-lab.yaml";

// The seed lab's outputs, run once per test process.
const fs::path& seed_lab_run() {
  static const fs::path dir = [] {
    const fs::path d = test::fresh_temp_dir("explain") / "seed-lab";
    const test::CommandResult r =
        test::run_mhsim("run " + kSeedLab + " --quiet --out " + d.string());
    REQUIRE(r.status == 0);
    return d;
  }();
  return dir;
}

std::vector<run::Story> stories_of(const fs::path& dir) {
  const Json summary = Json::parse(test::slurp(dir / "summary.json"));
  std::istringstream trace(test::slurp(dir / "trace.log"));
  return run::explain_run(summary, run::parse_trace(trace, "trace.log"));
}

// Index of the first sentence containing `text`, or -1.
long find(const std::vector<std::string>& sentences, const std::string& text) {
  const auto it = std::find_if(sentences.begin(), sentences.end(), [&](const std::string& s) {
    return s.find(text) != std::string::npos;
  });
  return it == sentences.end() ? -1 : it - sentences.begin();
}

}  // namespace

TEST_CASE("explain tells the seed lab's carrier loss in time order", "[explain]") {
  const fs::path dir = seed_lab_run();
  const std::vector<run::Story> stories = stories_of(dir);
  REQUIRE(stories.size() == 3);  // start-up, the cable pulled at 60 s, put back at 90 s
  CHECK(stories[0].title == "Start-up, 0 s to 60.000 s, before the first event");
  const run::Story& down = stories[1];
  CHECK(down.title == "Event 0 at 60.000 s: down pc:eth0--S-SW-1:ge-0/0/9");
  const std::vector<std::string>& s = down.sentences;
  INFO(Catch::Detail::stringify(s));

  CHECK(s.at(0) ==
        "At 60.000 s the link pc:eth0--S-SW-1:ge-0/0/9 loses carrier: its cable is pulled.");
  // Both ends notice at the same moment: one sentence each for the
  // interfaces and the BGP session, naming S-SW-1's peer by name and address
  // where it is told alone.
  const long interfaces =
      find(s, "pc and S-SW-1 see their interfaces go down (eth0 and ge-0/0/9).");
  const long bgp = find(s, "pc and S-SW-1 drop their BGP session (interface down).");
  const long flush =
      find(s, "S-SW-1 withdraws 192.168.100.1 from OSPF: it flushes its AS-external LSA.");
  // Junos' 200 ms SPF delay after the flush, then the 20 ms FIB install.
  const long spf = find(s, "At 60.200 s (+200 ms) C-SW-1 and S-SW-2 run SPF.");
  const long fib =
      find(s, "At 60.220 s (+220 ms) C-SW-1's forwarding table changes for the last time.");
  const long converged = find(
      s,
      "The network has converged at 60.220 s (+220 ms), when C-SW-1's forwarding table settles.");
  CHECK(interfaces == 1);
  CHECK(bgp == 2);
  CHECK(flush == 3);
  CHECK(spf > flush);
  CHECK(fib > spf);
  CHECK(converged > fib);
  CHECK(find(s, "S-SW-2's forwarding table does not change.") > fib);

  // The loss sentence carries summary.json's figures.
  const Json summary = Json::parse(test::slurp(dir / "summary.json"));
  const Json& lost = summary.at("convergence").at(0).at("packets_lost");
  const uint64_t total = lost.at("total").get<uint64_t>();
  REQUIRE(total > 0);
  const std::string loss_sentence =
      "Traffic is whole again from 60.219 s (+219 ms); " + std::to_string(total) +
      " packets were lost (" + std::to_string(lost.at("ttl_expired").get<uint64_t>()) +
      " ttl_expired and " + std::to_string(lost.at("link_down").get<uint64_t>()) + " link_down).";
  CHECK(find(s, loss_sentence) == converged + 1);
  CHECK(lost.at("ttl_expired").get<uint64_t>() + lost.at("link_down").get<uint64_t>() == total);
  CHECK(s.back() == std::to_string(summary.at("convergence").at(0).at("loops").get<uint64_t>()) +
                        " of the packets went round a forwarding loop between nodes that disagreed "
                        "for a moment.");
}

TEST_CASE("explain tells the seed lab's restore with BIRD's connect delay and no loss", "[explain]") {
  const std::vector<run::Story> stories = stories_of(seed_lab_run());
  const std::vector<std::string>& s = stories.at(2).sentences;
  INFO(Catch::Detail::stringify(s));
  CHECK(s.at(0) ==
        "At 90.000 s the link pc:eth0--S-SW-1:ge-0/0/9 is restored: carrier back, no loss, not "
        "silent.");
  CHECK(find(s, "S-SW-1's BGP session with pc (10.10.1.2) is Active") == 3);
  // The session comes back after pc's connect delay (BIRD: 5 s, jittered
  // down by up to a quarter), at the time summary.json records (cut to the
  // millisecond).
  const Json summary = Json::parse(test::slurp(seed_lab_run() / "summary.json"));
  double established = 0;
  for (const Json& b : summary.at("bgp_sessions"))
    if (b.at("node") == "pc" && b.at("neighbor") == "10.10.1.1")
      established = b.at("established_at_s").get<double>();
  REQUIRE(established >= 90 + 3.75);
  REQUIRE(established < 90 + 5 + 0.01);
  char at[32];
  std::snprintf(at, sizeof at, "At %.3f s (+", std::floor(established * 1000) / 1000);
  const long up = find(s, at);
  REQUIRE(up > 2);
  CHECK(s[static_cast<size_t>(up)].find(" s) pc and S-SW-1 establish their BGP session.") !=
        std::string::npos);
  CHECK(s.back() == "No data packet was lost.");
}

TEST_CASE("explain prints every story and says when the trace was filtered", "[explain]") {
  std::ostringstream out, err;
  REQUIRE(run::explain_command(seed_lab_run(), out, err) == 0);
  CHECK(err.str().empty());
  CHECK(out.str().rfind("seed-lab: the run as a story (", 0) == 0);
  CHECK(out.str().find(
            "\nEvent 0 at 60.000 s: down pc:eth0--S-SW-1:ge-0/0/9\n  At 60.000 s the link") !=
        std::string::npos);
  CHECK(out.str().find("--trace") == std::string::npos);  // not filtered

  // --trace keeps S-SW-1's BGP records only, and explain says so.
  const fs::path filtered = test::fresh_temp_dir("explain-filtered") / "run";
  REQUIRE(test::run_mhsim("run " + kSeedLab + " --quiet --trace node=S-SW-1,proto=bgp --out " +
                          filtered.string())
              .status == 0);
  const std::string trace = test::slurp(filtered / "trace.log");
  std::istringstream lines(trace);
  size_t kept = 0;
  for (std::string line; std::getline(lines, line); ++kept)
    CHECK(line.find(" S-SW-1 bgp neighbor 10.10.1.2 ") != std::string::npos);
  // Active at 0 s (passive), up at 3.9 s (3 states), down at 60 s, Active
  // at 90 s, up at 94.5 s (3).
  CHECK(kept == 9);
  std::ostringstream out2, err2;
  REQUIRE(run::explain_command(filtered, out2, err2) == 0);
  CHECK(out2.str().find("(trace.log was written with --trace node=S-SW-1,proto=bgp: it holds 9 of "
                        "the run's ") != std::string::npos);
}

TEST_CASE("explain merges records of the same moment and caps a story", "[explain]") {
  const Json summary = Json::parse(R"({
    "end_time_s": 20.0, "trace": {"records": 40},
    "nodes": [{"name": "R1", "interfaces": [{"name": "lo0", "addresses": ["10.0.0.1/32"]}]},
              {"name": "R2", "interfaces": [{"name": "lo0", "addresses": ["10.0.0.2/32"]}]}],
    "convergence": [{"index": 0, "at_s": 5.0, "action": "crash", "target": "R3", "window_of": 0,
                     "window_end_s": 20.0, "network_converged_s": null, "traffic_restored_s": null,
                     "restored": true, "packets_lost": {"no_route": 0, "total": 0}, "loops": 0,
                     "nodes": []}]})");
  std::ostringstream text;
  text << "    5.000000000 R3 node crash: protocols stopped, routes and FIB gone\n"
       << "    5.000000000 R1 link ge-0/0/1 down\n"
       << "    5.000000000 R2 link ge-0/0/3 down\n"
       << "    5.000000000 R1 bgp neighbor 10.0.0.2 OpenSent\n";  // a passing state: not told
  for (int i = 0; i < 12; ++i)
    text << "   " << 6 + i << ".000000000 R" << 1 + i % 2 << " ospf spf run, " << i << " routes\n";
  std::istringstream trace(text.str());
  const std::vector<run::Story> stories =
      run::explain_run(summary, run::parse_trace(trace, "t"), run::ExplainOptions{5});
  REQUIRE(stories.size() == 2);
  CHECK(stories[0].sentences == std::vector<std::string>{"Nothing is in the trace."});
  const std::vector<std::string>& s = stories[1].sentences;
  INFO(Catch::Detail::stringify(s));
  REQUIRE(s.size() == 1 + 5 + 3);
  CHECK(s[0] == "At 5.000 s R3 crashes: it powers off without telling anyone.");  // not told twice
  CHECK(s[1] == "R1 and R2 see their interfaces go down (ge-0/0/1 and ge-0/0/3).");
  CHECK(s[2] == "At 6.000 s (+1 s) R1 runs SPF (0 routes).");
  CHECK(s[5] == "At 9.000 s (+4 s) R2 runs SPF (3 routes).");
  // 8 SPF runs beyond the cap and the OpenSent.
  CHECK(s[6] == "... and 9 more protocol events (see trace.log).");
  CHECK(s[7] == "No forwarding table changes after this event.");
  CHECK(s[8] == "No data packet was lost.");
}

TEST_CASE("explain tells a port shut on one end, and not its own record twice", "[explain][port]") {
  const Json summary = Json::parse(R"({
    "end_time_s": 20.0, "trace": {"records": 3},
    "nodes": [{"name": "pc", "interfaces": []}, {"name": "S-SW-1", "interfaces": []}],
    "convergence": [{"index": 0, "at_s": 5.0, "action": "port-down", "target": "S-SW-1:swp9",
                     "window_of": 0, "window_end_s": 20.0, "network_converged_s": null,
                     "traffic_restored_s": null, "restored": true,
                     "packets_lost": {"total": 0}, "loops": 0, "nodes": []}]})");
  std::istringstream trace("    5.000000000 S-SW-1 link swp9 admin down\n"
                           "    5.000000000 S-SW-1 link swp1 admin down\n");
  const std::vector<run::Story> stories = run::explain_run(summary, run::parse_trace(trace, "t"));
  REQUIRE(stories.size() == 2);
  const std::vector<std::string>& s = stories[1].sentences;
  INFO(Catch::Detail::stringify(s));
  REQUIRE(s.size() >= 2);
  CHECK(s[0] ==
        "At 5.000 s the port S-SW-1:swp9 is shut: S-SW-1 sees it go down at once, the far end "
        "keeps carrier and loses what it sends.");
  CHECK(s[1] == "S-SW-1 shuts its port swp1.");  // another port's record is told
}

TEST_CASE("explain rejects a directory without summary.json and a bad trace line", "[explain]") {
  const fs::path empty = test::fresh_temp_dir("explain-empty");
  std::ostringstream out, err;
  CHECK(run::explain_command(empty, out, err) == 2);
  CHECK(err.str() == "mhsim: error: " + (empty / "summary.json").string() + ": cannot read; is " +
                         empty.string() + " a directory written by `mhsim run`?\n");

  std::istringstream bad("    1.000000000 pc link eth0 down\nnot a trace line\n");
  CHECK_THROWS_WITH(run::parse_trace(bad, "x/trace.log"),
                    "x/trace.log:2: error: not a trace line: not a trace line");

  const test::CommandResult r = test::run_mhsim("explain " + empty.string());
  CHECK(r.status == 2);
  CHECK(r.err.find("summary.json: cannot read") != std::string::npos);
}
