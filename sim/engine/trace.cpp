#include "sim/engine/trace.hpp"

#include <algorithm>

namespace sim {

bool TraceFilter::keeps(std::string_view subject, std::string_view category) const {
  auto listed = [](const std::vector<std::string>& list, std::string_view v) {
    return list.empty() || std::find(list.begin(), list.end(), v) != list.end();
  };
  return listed(subjects, subject) && listed(categories, category);
}

void Trace::mix(std::string_view bytes) {
  for (unsigned char c : bytes) {
    fingerprint_ ^= c;
    fingerprint_ *= 0x100000001b3ULL;
  }
  fingerprint_ ^= 0xff;  // field separator, so "ab"+"c" differs from "a"+"bc"
  fingerprint_ *= 0x100000001b3ULL;
}

Trace::ObserverId Trace::add_observer(Observer observer) {
  observers_.emplace_back(next_observer_, std::move(observer));
  return next_observer_++;
}

void Trace::remove_observer(ObserverId id) {
  std::erase_if(observers_, [id](const auto& o) { return o.first == id; });
}

void Trace::record(Time at, std::string_view subject, std::string_view category,
                   std::string_view detail) {
  ++records_;
  // Little-endian bytes whatever the host's order, so fingerprints agree across machines.
  const uint64_t ps = static_cast<uint64_t>(at.ps());
  char time_bytes[8];
  for (int i = 0; i < 8; ++i) time_bytes[i] = static_cast<char>((ps >> (8 * i)) & 0xff);
  mix(std::string_view(time_bytes, sizeof time_bytes));
  mix(subject);
  mix(category);
  mix(detail);
  for (const auto& [id, observer] : observers_) observer(at, subject, category, detail);
  if (!sink_ || !filter_.keeps(subject, category)) return;
  line_ = format_seconds(at);
  if (line_.size() < 15) line_.insert(0, 15 - line_.size(), ' ');
  line_ += ' ';
  line_ += subject;
  line_ += ' ';
  line_ += category;
  if (!detail.empty()) {
    line_ += ' ';
    line_ += detail;
  }
  line_ += '\n';
  sink_->write(line_.data(), static_cast<std::streamsize>(line_.size()));
}

}  // namespace sim
