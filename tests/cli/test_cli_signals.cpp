// `mhsim run` under SIGINT and SIGTERM, and the limits that refuse or stop a
// run that would not end: the binary as a user drives it.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <nlohmann/json.hpp>

#include "tests/cli/run_command.hpp"

namespace fs = std::filesystem;
using test::run_mhsim;

namespace {

// Two hosts on one link, a 1 Gb/s stream for an hour: about 450 million
// packets, minutes of work, so it is still running when the signal comes.
const char* const kLongRun =
    "name: long-run\n"
    "duration: 3600s\n"
    "topology:\n"
    "  nodes:\n"
    "    h1: { kind: host, vendor: linux }\n"
    "    h2: { kind: host, vendor: linux }\n"
    "  links:\n"
    "    - endpoints: [\"h1:eth0\", \"h2:eth0\"]\n"
    "addresses:\n"
    "  h1: { eth0: 10.0.0.1/30 }\n"
    "  h2: { eth0: 10.0.0.2/30 }\n"
    "traffic:\n"
    "  - { from: h1, to: h2, rate: 1Gbps, packet_size: 1000B }\n";

fs::path write_scenario(const fs::path& dir, const std::string& name, const std::string& text) {
  const fs::path file = dir / name;
  std::ofstream(file, std::ios::binary) << text;
  return file;
}

struct Interrupted {
  int status = -1;  // exit status, or -1 if killed by the signal
  std::string err;
  bool saw_progress = false;
};

// Starts `mhsim run FILE --out OUT --progress always`, waits until the run
// draws its progress line (so the simulation is under way), sends `signal`
// and collects what the process says until it exits.
Interrupted run_and_signal(const fs::path& file, const fs::path& out, int signal) {
  int err_pipe[2];
  REQUIRE(::pipe(err_pipe) == 0);
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::dup2(err_pipe[1], STDERR_FILENO);
    const int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, STDOUT_FILENO);
    ::close(err_pipe[0]);
    ::close(err_pipe[1]);
    ::execl(MHSIM_BINARY, MHSIM_BINARY, "run", file.c_str(), "--out", out.c_str(), "--progress",
            "always", static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(err_pipe[1]);
  Interrupted r;
  bool signalled = false;
  const auto start = std::chrono::steady_clock::now();
  char buf[4096];
  for (;;) {
    pollfd p{err_pipe[0], POLLIN, 0};
    const int ready = ::poll(&p, 1, 200);
    if (ready > 0) {
      const ssize_t n = ::read(err_pipe[0], buf, sizeof buf);
      if (n <= 0) break;  // the process closed stderr: it is exiting
      r.err.append(buf, static_cast<size_t>(n));
    }
    if (!signalled) {
      r.saw_progress = r.err.find('\r') != std::string::npos;
      // The progress line, or 60 s (a slow sanitizer build): signal anyway.
      if (r.saw_progress || std::chrono::steady_clock::now() - start > std::chrono::seconds(60)) {
        ::kill(pid, signal);
        signalled = true;
      }
    }
  }
  ::close(err_pipe[0]);
  int raw = 0;
  ::waitpid(pid, &raw, 0);
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  return r;
}

}  // namespace

TEST_CASE("SIGINT during a run: outputs up to then, a message, exit 130", "[cli][signals]") {
  const fs::path dir = test::fresh_temp_dir("sigint");
  const fs::path file = write_scenario(dir, "long.yaml", kLongRun);
  const Interrupted r = run_and_signal(file, dir / "out", SIGINT);
  CHECK(r.saw_progress);
  CHECK(r.status == 130);
  INFO(r.err);
  const size_t at = r.err.find("mhsim: SIGINT: interrupted at simulated time ");
  REQUIRE(at != std::string::npos);
  CHECK(r.err.find(" s; outputs cover the run up to there\n", at) != std::string::npos);

  // The outputs are complete files for the run so far.
  REQUIRE(fs::exists(dir / "out" / "summary.json"));
  const nlohmann::json summary = nlohmann::json::parse(test::slurp(dir / "out" / "summary.json"));
  CHECK(summary.at("stop_reason") == "stopped");
  const double end_s = summary.at("end_time_s").get<double>();
  CHECK(end_s > 0.0);
  CHECK(end_s < 3600.0);
  // The message names the same simulated time as the summary.
  const double said = std::stod(
      r.err.substr(at + std::string("mhsim: SIGINT: interrupted at simulated time ").size()));
  CHECK(said == Approx(end_s).margin(1e-9));
  CHECK(fs::exists(dir / "out" / "trace.log"));
  const std::string load = test::slurp(dir / "out" / "link_load.csv");
  REQUIRE_FALSE(load.empty());
  CHECK(load.back() == '\n');
  // Nothing but the output directory and the scenario beside it.
  int entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++entries;
  CHECK(entries == 2);
}

TEST_CASE("SIGTERM during a run exits 143 with the same message and outputs", "[cli][signals]") {
  const fs::path dir = test::fresh_temp_dir("sigterm");
  const fs::path file = write_scenario(dir, "long.yaml", kLongRun);
  const Interrupted r = run_and_signal(file, dir / "out", SIGTERM);
  CHECK(r.status == 143);
  CHECK(r.err.find("mhsim: SIGTERM: interrupted at simulated time ") != std::string::npos);
  CHECK(fs::exists(dir / "out" / "summary.json"));
}

TEST_CASE(
    "a traffic source that would never finish is refused up front; --force and "
    "--max-events stop it",
    "[cli][limits]") {
  const fs::path dir = test::fresh_temp_dir("limits");
  std::string text = kLongRun;
  text.replace(text.find("rate: 1Gbps"), std::string("rate: 1Gbps").size(), "interval: 1ps");
  const fs::path file = write_scenario(dir, "tight.yaml", text);

  const auto refused = run_mhsim("run " + file.string() + " -q --out " + (dir / "a").string());
  CHECK(refused.status == 2);
  CHECK(refused.err ==
        "mhsim: error: " + file.string() +
            ": the traffic sources would send 3.6e+15 packets, more than the 1e+10 mhsim "
            "simulates without --force (hours of work); check rate, interval and duration "
            "(--force runs it anyway)\n");
  CHECK_FALSE(fs::exists(dir / "a"));

  const auto stopped = run_mhsim("run " + file.string() + " -q --force --max-events 100000 --out " +
                                 (dir / "b").string());
  CHECK(stopped.status == 4);
  CHECK(stopped.err.find("mhsim: stopped at --max-events 100000 at simulated time ") !=
        std::string::npos);
  CHECK(fs::exists(dir / "b" / "summary.json"));
}

TEST_CASE("sample_every 1ps is refused up front (link_load.csv rows)", "[cli][limits]") {
  const fs::path dir = test::fresh_temp_dir("rows");
  const fs::path file =
      write_scenario(dir, "rows.yaml", std::string(kLongRun) + "outputs: { sample_every: 1ps }\n");
  const auto r = run_mhsim("run " + file.string() + " -q --out " + (dir / "out").string());
  CHECK(r.status == 2);
  CHECK(r.err.find("warning: sample_every 1ps makes link_load.csv about 7.2e+15 rows long") !=
        std::string::npos);
  CHECK(r.err.find("mhsim: error: " + file.string() +
                   ": link_load.csv would have 7.2e+15 rows, more than the 1e+09 mhsim writes "
                   "without --force; raise outputs.sample_every (--force runs it anyway)\n") !=
        std::string::npos);
}

TEST_CASE("invariant checks during a run (--check-invariants) change no output",
          "[cli][invariants]") {
  const fs::path base = test::fresh_temp_dir("check-invariants");
  const std::string lab = std::string(MHSIM_SOURCE_DIR) + "/scenarios/seed-lab.yaml";
  REQUIRE(run_mhsim("run " + lab + " -q --out " + (base / "a").string()).status == 0);
  const auto checked =
      run_mhsim("run " + lab + " -q --check-invariants --out " + (base / "b").string());
  REQUIRE(checked.status == 0);
  CHECK(checked.err.empty());
  for (const char* f : {"summary.json", "trace.log", "link_load.csv", "ecmp.csv"})
    CHECK(test::slurp(base / "a" / f) == test::slurp(base / "b" / f));
}
