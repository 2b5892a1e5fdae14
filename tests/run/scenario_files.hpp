// Scenario text written to a temporary file, for loader tests.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "sim/run/scenario.hpp"

namespace test {

// One path per test process, rewritten by each case: error lines name it.
// The directory goes when the process exits.
inline const std::string& scenario_path() {
  struct TempDir {
    std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                ("mhsim-scenario-test-" + std::to_string(::getpid()));
    std::string file = (dir / "s.yaml").string();
    TempDir() { std::filesystem::create_directories(dir); }
    ~TempDir() {
      std::error_code ignored;
      std::filesystem::remove_all(dir, ignored);
    }
  };
  static const TempDir temp;
  return temp.file;
}

inline const std::string& write_scenario(std::string_view yaml) {
  std::ofstream(scenario_path(), std::ios::binary | std::ios::trunc) << yaml;
  return scenario_path();
}

inline run::ScenarioLoad load_text(std::string_view yaml) {
  return run::load_scenario_with_warnings(write_scenario(yaml));
}

// The full error line, or "" when the text loads.
inline std::string error_of(std::string_view yaml) {
  try {
    load_text(yaml);
  } catch (const run::ScenarioError& e) {
    return e.what();
  }
  return "";
}

// "PATH:LINE:COL: error: MESSAGE" for the scenario file of this process.
inline std::string error_at(int line, int column, std::string_view message) {
  return scenario_path() + ":" + std::to_string(line) + ":" + std::to_string(column) +
         ": error: " + std::string(message);
}

}  // namespace test
