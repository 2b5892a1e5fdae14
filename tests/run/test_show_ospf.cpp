// `mhsim show` on the seed lab's OSPF at 55s (converged, before the 60s
// failure): C-SW-1's route and forwarding views beside the write-up's
// captures, the OSPF views in the three styles, their errors, and
// summary.json's ospf_adjacencies.
//
//   root@C-SW-1> show route 192.168.100.1             (the write-up)
//   192.168.100.1/32   *[OSPF/150] 00:58:45, metric 0, tag 0
//                          to 10.1.1.1 via ge-0/0/0.0
//                       >  to 10.1.1.2 via ge-0/0/1.0
#include <catch2/catch.hpp>
#include <regex>
#include <sstream>

#include "sim/run/show.hpp"
#include "sim/run/summary.hpp"
#include "sim/run/world.hpp"
#include "tests/cli/run_command.hpp"

using sim::Duration;

namespace {

const std::string kSeedLab = std::string(MHSIM_SOURCE_DIR) + "/scenarios/seed-lab.yaml";

struct Shown {
  int status = -1;
  std::string out, err;
};

Shown show(const char* node, const char* view, std::optional<std::string> arg = std::nullopt,
           std::optional<std::string> style = std::nullopt, bool prompt = false) {
  run::ShowOptions o;
  o.scenario_path = kSeedLab;
  o.node = node;
  o.view = view;
  o.arg = std::move(arg);
  o.style = std::move(style);
  o.at = Duration::seconds(55);
  o.prompt = prompt;
  std::ostringstream out, err;
  Shown s;
  s.status = run::show_command(o, out, err);
  s.out = out.str();
  s.err = err.str();
  return s;
}

}  // namespace

TEST_CASE("seed lab C-SW-1: show route 192.168.100.1 is the write-up's OSPF/150 over two next hops",
          "[show][ospf]") {
  const Shown s = show("C-SW-1", "route", "192.168.100.1", std::nullopt, true);
  REQUIRE(s.status == 0);
  // The age is since the 15.2s SPF run; `>` marks the first next hop the FIB
  // holds (Junos picks one; the write-up's box picked 10.1.1.2).
  CHECK(s.out ==
        "root@C-SW-1> show route 192.168.100.1\n"
        "\n"
        "inet.0: 7 destinations, 7 routes (7 active, 0 holddown, 0 hidden)\n"
        "@ = Routing Use Only, # = Forwarding Use Only\n"
        "+ = Active Route, - = Last Active, * = Both\n"
        "\n"
        "192.168.100.1/32   *[OSPF/150] 00:00:39, metric 0, tag 0\n"
        "                    >  to 10.1.1.1 via ge-0/0/0.0\n"
        "                       to 10.1.1.2 via ge-0/0/1.0\n"
        "\n");
}

TEST_CASE("seed lab C-SW-1: the forwarding table holds both next hops as a unilist",
          "[show][ospf]") {
  const Shown s = show("C-SW-1", "forwarding", "192.168.100.1", std::nullopt, true);
  REQUIRE(s.status == 0);
  CHECK(s.out ==
        "root@C-SW-1> show route forwarding-table destination 192.168.100.1 table default\n"
        "Routing table: default.inet\n"
        "Internet:\n"
        "Destination        Type RtRef Next hop           Type Index    NhRef Netif\n"
        "192.168.100.1/32   user     0                    ulst  1048580     1\n"
        "                              10.1.1.1           ucst      584     2 ge-0/0/0.0\n"
        "                              10.1.1.2           ucst      585     2 ge-0/0/1.0\n"
        "\n");
}

TEST_CASE("seed lab C-SW-1: Junos show ospf neighbor, database and route", "[show][ospf]") {
  CHECK(show("C-SW-1", "ospf-neighbors").out ==
        "Address          Interface              State           ID               Pri  Dead\n"
        "10.1.1.1         ge-0/0/0.0             Full            10.255.0.1       128    35\n"
        "10.1.1.2         ge-0/0/1.0             Full            10.255.0.2       128    35\n");
  // Checksums are the model's content hash: masked.
  const std::string db = std::regex_replace(show("C-SW-1", "ospf-database").out,
                                            std::regex(" 0x[0-9a-f]{4} "), " 0xCKSM ");
  CHECK(db ==
        "\n"
        "    OSPF database, Area 0.0.0.0\n"
        " Type       ID               Adv Rtr           Seq      Age  Opt  Cksum  Len \n"
        "Router  10.255.0.1       10.255.0.1       0x80000002    45  0x2  0xCKSM  60\n"
        "Router  10.255.0.2       10.255.0.2       0x80000002    45  0x2  0xCKSM  60\n"
        "Router *10.255.0.3       10.255.0.3       0x80000002    44  0x2  0xCKSM  84\n"
        "    OSPF AS SCOPE link state database\n"
        " Type       ID               Adv Rtr           Seq      Age  Opt  Cksum  Len \n"
        "Extern *0.0.0.0          10.255.0.3       0x80000001    55  0x2  0xCKSM  36\n"
        "Extern  192.168.100.1    10.255.0.1       0x80000001    51  0x2  0xCKSM  36\n"
        "Extern  192.168.100.1    10.255.0.2       0x80000001    50  0x2  0xCKSM  36\n");
  CHECK(show("C-SW-1", "ospf-route").out ==
        "Topology default Route Table:\n"
        "\n"
        "Prefix             Path  Route      NH       Metric NextHop       Nexthop      \n"
        "                   Type  Type       Type            Interface     Address/LSP\n"
        "10.255.0.1/32      Intra Network    IP            1 ge-0/0/0.0    10.1.1.1\n"
        "10.255.0.2/32      Intra Network    IP            1 ge-0/0/1.0    10.1.1.2\n"
        "192.168.100.1/32   Ext2  Network    IP            0 ge-0/0/0.0    10.1.1.1\n"
        "                                                    ge-0/0/1.0    10.1.1.2\n");
}

TEST_CASE("seed lab S-SW-1: OSPF views in BIRD and FRR style", "[show][ospf]") {
  CHECK(show("S-SW-1", "ospf-neighbors", std::nullopt, "bird").out ==
        "ospf1:\n"
        "Router ID   \tPri\t     State     \tDTime\tInterface  Router IP \n"
        "10.255.0.3  \t  1\t    full/PtP  \t 35.000\tge-0/0/0   10.1.1.0\n");
  CHECK(show("S-SW-1", "ospf-neighbors", std::nullopt, "frr").out ==
        "\n"
        "Neighbor ID     Pri State           Up Time         Dead Time Address         Interface "
        "                       RXmtL RqstL DBsmL\n"
        "10.255.0.3        1 Full/DROther    44.999s           35.000s 10.1.1.0        "
        "ge-0/0/0:10.1.1.1                    0     0     0\n"
        "\n");
  // S-SW-2's copy of the service address, behind S-SW-1's own BGP route in the RIB.
  CHECK(show("S-SW-1", "ospf-route", std::nullopt, "frr").out ==
        "============ OSPF network routing table ============\n"
        "N    10.1.1.2/31           [2] area: 0.0.0.0\n"
        "                           via 10.1.1.0, ge-0/0/0\n"
        "N    10.255.0.2/32         [2] area: 0.0.0.0\n"
        "                           via 10.1.1.0, ge-0/0/0\n"
        "N    10.255.0.3/32         [1] area: 0.0.0.0\n"
        "                           via 10.1.1.0, ge-0/0/0\n"
        "\n"
        "============ OSPF external routing table ===========\n"
        "N E2 0.0.0.0/0             [1/1] tag: 0\n"
        "                           via 10.1.1.0, ge-0/0/0\n"
        "N E2 192.168.100.1/32      [2/0] tag: 0\n"
        "                           via 10.1.1.0, ge-0/0/0\n"
        "\n");
  const std::string bird = show("S-SW-1", "ospf-route", std::nullopt, "bird").out;
  CHECK(bird.find("192.168.100.1/32     unicast [ospf1 00:00:15.200] E2 (150/2/0) [10.255.0.2]\n"
                  "\tvia 10.1.1.0 on ge-0/0/0\n") != std::string::npos);
  CHECK(bird.find(
            "0.0.0.0/0            unicast [ospf1 00:00:15.200] * E2 (150/1/1) [10.255.0.3]\n") !=
        std::string::npos);
}

TEST_CASE("OSPF views: the prompt, a node without OSPF, an argument", "[show][ospf]") {
  CHECK(show("C-SW-1", "ospf-neighbors", std::nullopt, std::nullopt, true)
            .out.rfind("root@C-SW-1> show ospf neighbor\n", 0) == 0);
  CHECK(show("C-SW-1", "ospf-database", std::nullopt, "bird", true)
            .out.rfind("bird> show ospf lsadb\n", 0) == 0);
  CHECK(show("C-SW-1", "ospf-route", std::nullopt, "bird", true)
            .out.rfind("bird> show route protocol ospf1\n", 0) == 0);
  CHECK(show("C-SW-1", "ospf-route", std::nullopt, "frr", true)
            .out.rfind("C-SW-1# show ip ospf route\n", 0) == 0);

  CHECK(show("pc", "ospf-neighbors").out == "There is no OSPF protocol running\n");
  CHECK(show("pc", "ospf-database", std::nullopt, "junos").out == "OSPF instance is not running\n");
  CHECK(show("pc", "ospf-route", std::nullopt, "frr").out == "% OSPF instance not found\n");

  // `mhsim show --help` lists the views with their router commands.
  const std::string help = test::run_mhsim("show --help").out;
  for (const char* line : {"ospf-neighbors                  Junos `show ospf neighbor`",
                           "ospf-database                   Junos `show ospf database`",
                           "ospf-route                      Junos `show ospf route`"})
    CHECK(help.find(line) != std::string::npos);

  const Shown bad = show("C-SW-1", "ospf-neighbors", "10.1.1.1");
  CHECK(bad.status == 2);
  CHECK(bad.err == "mhsim: error: `ospf-neighbors` takes no argument (got '10.1.1.1')\n");
}

TEST_CASE("summary.json ospf_adjacencies: every adjacency, its state and when it reached Full",
          "[run][ospf]") {
  const run::Scenario s = run::load_scenario(kSeedLab);
  run::World world(s, s.seed);
  world.simulator().run_until(sim::Time::zero() + Duration::seconds(55));
  const nlohmann::ordered_json j = run::ospf_adjacencies_json(world);
  REQUIRE(j.size() == 4);
  CHECK(
      j[0].dump() ==
      R"({"node":"S-SW-1","neighbor":"10.255.0.3","interface":"ge-0/0/0","state":"Full","full_at_s":10.000035888})");
  CHECK(j[2].at("node") == "C-SW-1");
  CHECK(j[2].at("neighbor") == "10.255.0.1");
  CHECK(j[3].at("neighbor") == "10.255.0.2");
  CHECK(j[3].at("interface") == "ge-0/0/1");

  // C-SW-1 never gets a Hello through to S-SW-1 (its direction of the link
  // is silent from the start): S-SW-1 sees no neighbour, C-SW-1 sees S-SW-1
  // stuck in Init, never Full.
  run::Scenario deaf = run::load_scenario(kSeedLab);
  run::ScenarioEvent silent;
  silent.at = sim::Time::zero();
  silent.action = run::EventAction::kSilent;
  for (size_t i = 0; i < deaf.links.size(); ++i)
    if (deaf.links[i].name() == "S-SW-1:ge-0/0/0--C-SW-1:ge-0/0/0") silent.link = i;
  silent.from = "C-SW-1";
  silent.side = 1;
  deaf.events.insert(deaf.events.begin(), silent);
  run::World w2(deaf, deaf.seed);
  w2.simulator().run_until(sim::Time::zero() + Duration::seconds(55));
  const nlohmann::ordered_json j2 = run::ospf_adjacencies_json(w2);
  REQUIRE(j2.size() == 3);  // S-SW-2 -- C-SW-1 both ways, and C-SW-1's view of S-SW-1
  CHECK(
      j2[1].dump() ==
      R"({"node":"C-SW-1","neighbor":"10.255.0.1","interface":"ge-0/0/0","state":"Init","full_at_s":null})");
}
