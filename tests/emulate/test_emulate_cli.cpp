// `mhsim emulate` refuses what it cannot run before it builds anything.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

#include "tests/cli/run_command.hpp"

TEST_CASE("mhsim emulate refuses a non-root user or a junos node with exit 2", "[emulate][cli]") {
  const auto r = test::run_mhsim("emulate " + std::string(MHSIM_SOURCE_DIR) +
                                 "/scenarios/seed-lab.yaml");
  CHECK(r.status == 2);
  CHECK(r.out.empty());
  if (::geteuid() != 0) {
    CHECK(r.err ==
          "mhsim: error: emulate needs root: it creates network namespaces and starts routing "
          "daemons (run it as root, e.g. with sudo)\n");
  } else {
    CHECK(r.err.find("node S-SW-1 is vendor junos: mhsim emulate runs BIRD (bird, linux) and FRR "
                     "(frr) only") != std::string::npos);
  }
}

TEST_CASE("mhsim emulate --repeat 0 is a command-line error", "[emulate][cli]") {
  const auto r = test::run_mhsim("emulate " + std::string(MHSIM_SOURCE_DIR) +
                                 "/tests/emulate/smoke.yaml --repeat 0");
  CHECK(r.status == 2);
  CHECK(r.err.find("--repeat") != std::string::npos);
}

TEST_CASE("mhsim emulate --predict-only prints and writes the simulated side alone",
          "[emulate][cli]") {
  // No root, no daemons: any user can set a changed model beside figures
  // measured earlier.
  const std::string json =
      (std::filesystem::temp_directory_path() / ("mhsim-predict-" + std::to_string(::getpid()) +
                                                 ".json"))
          .string();
  const auto r = test::run_mhsim("emulate --predict-only " + std::string(MHSIM_SOURCE_DIR) +
                                 "/tests/emulate/smoke.yaml --repeat 2 --json " + json);
  CHECK(r.status == 0);
  CHECK(r.out.find("2 simulated run(s), seeds 1..2") != std::string::npos);
  CHECK(r.out.find("sw2: last route change") != std::string::npos);
  std::ifstream in(json);
  std::stringstream text;
  text << in.rdbuf();
  CHECK(text.str().find("\"runs\": 0") != std::string::npos);
  CHECK(text.str().find("\"predicted_s\": [") != std::string::npos);
  std::filesystem::remove(json);
}
