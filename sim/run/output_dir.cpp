#include "sim/run/output_dir.hpp"

#include <unistd.h>

#include <fstream>
#include <system_error>

namespace run {
namespace fs = std::filesystem;

namespace {
fs::path sibling(const fs::path& p, const std::string& tag) {
  fs::path name = p.filename();
  if (name.empty()) name = p.parent_path().filename();
  return p.parent_path() / ("." + name.string() + "." + tag + "-" + std::to_string(::getpid()));
}
}  // namespace

OutputDir::OutputDir(fs::path final_path) : final_(std::move(final_path)) {
  if (final_.filename().empty()) final_ = final_.parent_path();
  if (!final_.parent_path().empty()) fs::create_directories(final_.parent_path());
  staging_ = sibling(final_, "partial");
  fs::remove_all(staging_);
  fs::create_directory(staging_);
}

OutputDir::~OutputDir() {
  if (committed_) return;
  std::error_code ignored;
  fs::remove_all(staging_, ignored);
}

void OutputDir::commit() {
  const fs::path old = sibling(final_, "old");
  std::error_code ec;
  fs::remove_all(old, ec);
  const bool had_previous = fs::exists(final_);
  if (had_previous) fs::rename(final_, old);
  fs::rename(staging_, final_);
  committed_ = true;
  if (had_previous) fs::remove_all(old, ec);
}

void write_file_atomically(const fs::path& path, const std::string& text) {
  const fs::path tmp = sibling(path, "tmp");
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.flush();
    if (!out)
      throw fs::filesystem_error("cannot write", tmp, std::make_error_code(std::errc::io_error));
  }
  fs::rename(tmp, path);
}

}  // namespace run
