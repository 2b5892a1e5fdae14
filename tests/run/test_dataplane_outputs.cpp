// What `mhsim run` writes for the data plane: link_load.csv, ecmp.csv, the
// packets / traffic / flows keys of summary.json and the report's traffic
// section, on scenarios/ecmp-static.yaml; byte-identical on a second run.
#include <algorithm>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/cli/run_command.hpp"

namespace fs = std::filesystem;

namespace {

const std::string kLab = std::string(MHSIM_SOURCE_DIR) + "/scenarios/ecmp-static.yaml";

size_t lines(const std::string& text) {
  return static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
}

}  // namespace

TEST_CASE("run writes link_load.csv, ecmp.csv and the data-plane summary", "[dataplane][run]") {
  const fs::path base = test::fresh_temp_dir("dataplane-out");
  const test::CommandResult r = test::run_mhsim("run " + kLab + " --out " + (base / "a").string());
  REQUIRE(r.status == 0);
  CHECK(r.err.empty());
  CHECK(r.out.find("\ndata packets: 137501 sent, ") != std::string::npos);
  CHECK(r.out.find("ECMP at the busiest group: C-SW-1 192.168.100.1/32, 137500 packets") !=
        std::string::npos);

  const std::string load = test::slurp(base / "a/link_load.csv");
  CHECK(load.rfind("time_s,link,direction,packets,bytes,utilization,drops\n", 0) == 0);
  CHECK(lines(load) == 1 + 1200 * 5 * 2);  // every 100 ms for 120 s, 5 links, 2 directions
  // client -> C-SW-1 carries 125 packets of 1000 bytes per 100 ms: 1% of 1 Gb/s.
  CHECK(load.find("\n60.000000000,client:eth0--C-SW-1:ge-0/0/2,a->b,125,125000,0.010000,0\n") !=
        std::string::npos);

  const std::string ecmp = test::slurp(base / "a/ecmp.csv");
  CHECK(ecmp.rfind(
            "node,group,prefix,next_hop,interface,packets,share,group_packets,max_mean,cv,jain\n",
            0) == 0);
  CHECK(ecmp.find("\nC-SW-1,0,192.168.100.1/32,10.1.1.1,ge-0/0/0,") != std::string::npos);
  CHECK(ecmp.find("\nC-SW-1,0,192.168.100.1/32,10.1.1.2,ge-0/0/1,") != std::string::npos);

  const auto j = nlohmann::json::parse(test::slurp(base / "a/summary.json"));
  const auto& p = j.at("packets");
  CHECK(p.at("sent").get<uint64_t>() == 137501);
  CHECK(p.at("sent").get<uint64_t>() == p.at("delivered").get<uint64_t>() +
                                            p.at("dropped").get<uint64_t>() +
                                            p.at("in_flight").get<uint64_t>());
  CHECK(p.at("dropped_by_reason").at("discard").get<uint64_t>() > 0);
  CHECK(p.at("reordered").get<uint64_t>() == 0);
  REQUIRE(j.at("traffic").size() == 1);
  CHECK(j.at("traffic")[0].at("name") == "client-to-service");
  CHECK(j.at("traffic")[0].at("rate_bps") == 10'000'000);
  CHECK(j.at("flows").size() == 64);
  CHECK(j.at("flows")[63].at("src_port") == 49152 + 63);
  const auto& dir = j.at("links")[4].at("directions")[0];
  CHECK(dir.at("drops") == 0);
  CHECK(dir.at("peak_utilization").get<double>() == Approx(0.01));

  // Same scenario and seed: the same bytes.
  REQUIRE(test::run_mhsim("run " + kLab + " -q --out " + (base / "b").string()).status == 0);
  for (const char* file : {"link_load.csv", "ecmp.csv", "summary.json"})
    CHECK(test::slurp(base / "a" / file) == test::slurp(base / "b" / file));
  fs::remove_all(base);
}
