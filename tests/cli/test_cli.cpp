// The `mhsim` program as a user drives it: exit statuses, messages, outputs.
#include <unistd.h>

#include <catch2/catch.hpp>

#include "tests/cli/run_command.hpp"

namespace fs = std::filesystem;
using test::run_mhsim;

namespace {
const std::string kSeedLab = std::string(MHSIM_SOURCE_DIR) + "/scenarios/seed-lab.yaml";
}

TEST_CASE("version and help exit 0", "[cli]") {
  auto v = run_mhsim("--version");
  CHECK(v.status == 0);
  CHECK(v.out.rfind("mhsim ", 0) == 0);
  auto h = run_mhsim("run --help");
  CHECK(h.status == 0);
  CHECK(h.out.find("--until") != std::string::npos);
}

TEST_CASE("run writes summary.json and trace.log and prints a report", "[cli]") {
  const fs::path dir = test::fresh_temp_dir("run") / "out";
  auto r = run_mhsim("run " + kSeedLab + " --out " + dir.string());
  REQUIRE(r.status == 0);
  CHECK(r.err.empty());
  CHECK(r.out.find("scenario seed-lab") != std::string::npos);
  CHECK(fs::exists(dir / "summary.json"));
  CHECK(fs::exists(dir / "trace.log"));
  // Nothing but the results is left beside the output directory.
  int entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir.parent_path())) ++entries;
  CHECK(entries == 1);
}

TEST_CASE("same scenario and seed give byte-identical outputs, another seed is recorded", "[cli]") {
  const fs::path base = test::fresh_temp_dir("determinism");
  REQUIRE(run_mhsim("run " + kSeedLab + " -q --out " + (base / "a").string()).status == 0);
  REQUIRE(run_mhsim("run " + kSeedLab + " -q --out " + (base / "b").string()).status == 0);
  CHECK(test::slurp(base / "a/summary.json") == test::slurp(base / "b/summary.json"));
  CHECK(test::slurp(base / "a/trace.log") == test::slurp(base / "b/trace.log"));
  REQUIRE(run_mhsim("run " + kSeedLab + " -q --seed 99 --out " + (base / "c").string()).status == 0);
  CHECK(test::slurp(base / "c/summary.json").find("\"seed\": 99") != std::string::npos);
}

TEST_CASE("run --until ends the run at the given time", "[cli]") {
  const fs::path dir = test::fresh_temp_dir("until") / "out";
  REQUIRE(run_mhsim("run " + kSeedLab + " -q --until 250ms --out " + dir.string()).status == 0);
  CHECK(test::slurp(dir / "summary.json").find("\"end_time_s\": 0.25") != std::string::npos);
}

TEST_CASE("command-line errors exit 2 with a message", "[cli]") {
  auto unitless = run_mhsim("run " + kSeedLab + " --until 90");
  CHECK(unitless.status == 2);
  CHECK(unitless.err.find("duration '90' has no unit") != std::string::npos);

  auto negative = run_mhsim("run " + kSeedLab + " --until -5s");
  CHECK(negative.status == 2);

  auto no_args = run_mhsim("");
  CHECK(no_args.status == 2);

  auto bad_trace = run_mhsim("run " + kSeedLab + " --trace colour=red --out /tmp/never");
  CHECK(bad_trace.status == 2);
  CHECK(bad_trace.err == "mhsim: error: --trace: unknown key 'colour' (use node= or proto=)\n");
}

TEST_CASE("a missing scenario file exits 2 and writes nothing", "[cli]") {
  const fs::path dir = test::fresh_temp_dir("missing");
  auto r = run_mhsim("run /nonexistent/lab.yaml --out " + (dir / "out").string());
  CHECK(r.status == 2);
  CHECK(r.err.find("/nonexistent/lab.yaml") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "out"));
  auto c = run_mhsim("check /nonexistent/lab.yaml");
  CHECK(c.status == 2);
}

TEST_CASE("a failing run keeps the previous results", "[cli]") {
  const fs::path base = test::fresh_temp_dir("keep");
  REQUIRE(run_mhsim("run " + kSeedLab + " -q --out " + (base / "out").string()).status == 0);
  const std::string before = test::slurp(base / "out/summary.json");
  const fs::path bad = base / "bad.yaml";
  std::ofstream(bad) << "name: x\nduration: [\n";
  CHECK(run_mhsim("run " + bad.string() + " --out " + (base / "out").string()).status == 2);
  CHECK(test::slurp(base / "out/summary.json") == before);
}

TEST_CASE("an unwritable output directory exits 3", "[cli]") {
  const fs::path base = test::fresh_temp_dir("unwritable");
  std::ofstream(base / "file") << "x";
  auto r = run_mhsim("run " + kSeedLab + " -q --out " + (base / "file/sub").string());
  CHECK(r.status == 3);
  CHECK(r.err.find("cannot write output directory") != std::string::npos);
}

TEST_CASE("check validates without running", "[cli]") {
  auto r = run_mhsim("check " + kSeedLab);
  CHECK(r.status == 0);
  CHECK(r.out.find(": ok: 5 nodes, 5 links") != std::string::npos);
}
