// An output directory that appears whole or not at all.
//
// Files are written into a hidden sibling directory; commit() swaps it into
// place with rename(2). A run that fails or is interrupted leaves the previous
// results untouched and no half-written directory behind.
#pragma once

#include <filesystem>
#include <string>

namespace run {

class OutputDir {
 public:
  explicit OutputDir(std::filesystem::path final_path);
  ~OutputDir();
  OutputDir(const OutputDir&) = delete;
  OutputDir& operator=(const OutputDir&) = delete;

  // Where to write `name` before commit().
  std::filesystem::path file(const std::string& name) const { return staging_ / name; }
  const std::filesystem::path& final_path() const { return final_; }
  // Replaces final_path with the staged files. Throws std::filesystem::filesystem_error.
  void commit();

 private:
  std::filesystem::path final_;
  std::filesystem::path staging_;
  bool committed_ = false;
};

// Writes `text` to `path` through a temporary file and a rename.
void write_file_atomically(const std::filesystem::path& path, const std::string& text);

}  // namespace run
