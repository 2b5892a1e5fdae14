// Diagnostics for scenario files: where in the file, and what is wrong.
//
// Every message has the compiler-style shape editors and CI logs already
// understand, `FILE:LINE:COL: error: MESSAGE` (or `warning:`), with 1-based
// line and column. A problem that belongs to no place in the file (it could
// not be opened) drops the line and column: `FILE: error: MESSAGE`.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace run {

struct SourcePos {
  std::string file;
  int line = 0;    // 1-based; 0 when there is no place in the file
  int column = 0;  // 1-based
};

std::string format_diagnostic(const SourcePos& pos, std::string_view severity,
                              std::string_view message);

// A scenario that cannot be used. what() is the full formatted line.
class ScenarioError : public std::runtime_error {
 public:
  ScenarioError(SourcePos pos, std::string message);

  const SourcePos& pos() const { return pos_; }
  const std::string& message() const { return message_; }

 private:
  SourcePos pos_;
  std::string message_;
};

// Levenshtein distance (insert, delete, substitute each cost 1).
size_t edit_distance(std::string_view a, std::string_view b);

// The closest candidate when it is close enough to be a likely typo: distance
// at most max(2, len/3) of `word`, and less than its length (so "xy" does
// not suggest "up"). Ties go to the earlier candidate. Empty when nothing is
// close.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

// " (did you mean 'x'?)" or "", to append to a message.
std::string did_you_mean_suffix(std::string_view word, const std::vector<std::string>& candidates);

// "a, b, c": the valid choices, for "use one of: ..." messages.
std::string join_list(const std::vector<std::string>& words);

}  // namespace run
