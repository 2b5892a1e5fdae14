// The bad-scenario corpus: tests/run/bad_scenarios/*.yaml, one defect each.
//
// Each file is a small valid scenario with exactly one thing wrong. Its first
// line names the error it must fail with, as the user sees it minus the
// "PATH:" prefix:
//
//   # expect: 7:11: error: duration '90' has no unit (use ns, us, ms, s, m or h)
//
// The comment is line 1 of the file, so LINE counts it. To add a case, write
// the file with the expect line, or with "# expect: ?" and take the message
// from `mhsim check FILE` once it is the one the defect should give.
//
// A defect that is legal but almost certainly a mistake loads with a
// warning instead; such a file says which, and must load:
//
//   # expect-warning: 9:17: warning: sample_every 1ps makes link_load.csv ...
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "sim/run/scenario.hpp"

namespace {

namespace fs = std::filesystem;

const std::string kPrefix = "# expect: ";
const std::string kWarningPrefix = "# expect-warning: ";

fs::path corpus_dir() { return fs::path(MHSIM_SOURCE_DIR) / "tests" / "run" / "bad_scenarios"; }

std::vector<fs::path> corpus_files() {
  std::vector<fs::path> files;
  for (const fs::directory_entry& e : fs::directory_iterator(corpus_dir()))
    if (e.is_regular_file() && e.path().extension() == ".yaml") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

// The text after "# expect: " on the first line, or "" when there is none.
std::string expected_error(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::string first;
  std::getline(in, first);
  if (!first.empty() && first.back() == '\r') first.pop_back();
  if (first.rfind(kPrefix, 0) == 0) return first.substr(kPrefix.size());
  if (first.rfind(kWarningPrefix, 0) == 0) return first.substr(kWarningPrefix.size());
  return "";
}

bool expects_warning(const std::string& expected) {
  return expected.find(": warning: ") != std::string::npos;
}

// The warnings of a file that must load, or a description of its error.
std::vector<std::string> load_warnings(const std::string& path) {
  try {
    return run::load_scenario_with_warnings(path).warnings;
  } catch (const std::exception& e) {
    return {std::string("(failed to load: ") + e.what() + ")"};
  }
}

// What loading the file does: the ScenarioError's line, or a description of
// anything else (so a failure shows it next to the expected line).
std::string load_error(const std::string& path) {
  try {
    run::load_scenario(path);
  } catch (const run::ScenarioError& e) {
    return e.what();
  } catch (const std::exception& e) {
    return std::string("(not a ScenarioError: ") + e.what() + ")";
  }
  return "(loaded without error)";
}

std::string join_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) out += "\n  " + l;
  return out;
}

}  // namespace

TEST_CASE("the bad scenario corpus has at least 40 files, each with an expect line",
          "[scenario][corpus]") {
  const std::vector<fs::path> files = corpus_files();
  CHECK(files.size() >= 40);
  for (const fs::path& file : files) {
    INFO("file: " << file.filename().string());
    const std::string expected = expected_error(file);
    CHECK_FALSE(expected.empty());
    // LINE:COL: error: MESSAGE, or ": error: ..." would not be a placed error.
    CHECK((expected.find(": error: ") != std::string::npos || expects_warning(expected)));
  }
}

TEST_CASE("every bad scenario fails to load with its expected error line", "[scenario][corpus]") {
  for (const fs::path& file : corpus_files()) {
    INFO("file: " << file.filename().string());
    const std::string path = file.string();
    const std::string expected = expected_error(file);
    if (expected.empty()) {
      FAIL_CHECK("no '# expect: ' first line");
      continue;
    }
    if (expects_warning(expected)) {
      const std::vector<std::string> warnings = load_warnings(path);
      INFO("warnings: " << join_lines(warnings));
      CHECK(std::find(warnings.begin(), warnings.end(), path + ":" + expected) != warnings.end());
      continue;
    }
    CHECK(load_error(path) == path + ":" + expected);
  }
}
