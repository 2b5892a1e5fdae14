#include "sim/run/diagnostic.hpp"

#include <algorithm>
#include <numeric>

namespace run {

std::string format_diagnostic(const SourcePos& pos, std::string_view severity,
                              std::string_view message) {
  // Appends only: GCC 12 at -O3 reports a false -Wrestrict for ":" + std::to_string(...).
  std::string out = pos.file;
  if (pos.line > 0) {
    out += ':';
    out += std::to_string(pos.line);
    out += ':';
    out += std::to_string(pos.column);
  }
  out += ": ";
  out += severity;
  out += ": ";
  out += message;
  return out;
}

ScenarioError::ScenarioError(SourcePos pos, std::string message)
    : std::runtime_error(format_diagnostic(pos, "error", message)),
      pos_(std::move(pos)),
      message_(std::move(message)) {}

size_t edit_distance(std::string_view a, std::string_view b) {
  // One row of the dynamic-programming table is enough.
  std::vector<size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), size_t{0});
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  const size_t limit = std::max<size_t>(2, word.size() / 3);
  const std::string* best = nullptr;
  size_t best_distance = limit + 1;
  for (const std::string& c : candidates) {
    const size_t d = edit_distance(word, c);
    // A "match" that replaces every character of a short word is no hint.
    if (d < best_distance && d < word.size()) {
      best = &c;
      best_distance = d;
    }
  }
  return best ? *best : std::string();
}

std::string did_you_mean_suffix(std::string_view word, const std::vector<std::string>& candidates) {
  const std::string best = did_you_mean(word, candidates);
  return best.empty() ? std::string() : " (did you mean '" + best + "'?)";
}

std::string join_list(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) {
    if (!out.empty()) out += ", ";
    out += w;
  }
  return out;
}

}  // namespace run
