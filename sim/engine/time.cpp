#include "sim/engine/time.hpp"

#include <cstdio>
#include <cstdlib>

namespace sim {

std::string format_seconds(Duration d) {
  const int64_t ns = d.ns();
  const int64_t abs_ns = ns < 0 ? -ns : ns;
  char buf[40];
  std::snprintf(buf, sizeof buf, "%s%lld.%09lld", ns < 0 ? "-" : "",
                static_cast<long long>(abs_ns / 1'000'000'000),
                static_cast<long long>(abs_ns % 1'000'000'000));
  return buf;
}

std::string format_duration(Duration d) {
  struct Unit {
    const char* name;
    int64_t ps;
  };
  static constexpr Unit units[] = {{"h", 3'600'000'000'000'000}, {"m", 60'000'000'000'000},
                                   {"s", 1'000'000'000'000},     {"ms", 1'000'000'000},
                                   {"us", 1'000'000},            {"ns", 1'000},
                                   {"ps", 1}};
  const int64_t ps = d.ps();
  if (ps == 0) return "0s";
  const int64_t abs_ps = ps < 0 ? -ps : ps;
  std::string sign = ps < 0 ? "-" : "";
  // Whole multiples of the largest unit first; otherwise seconds-or-smaller with a fraction.
  for (const Unit& u : units) {
    if (abs_ps % u.ps == 0) return sign + std::to_string(abs_ps / u.ps) + u.name;
    if (u.ps <= 1'000'000'000'000 && abs_ps >= u.ps) {
      std::string frac = std::to_string(abs_ps % u.ps);
      const size_t digits = std::to_string(u.ps).size() - 1;
      frac.insert(0, digits - frac.size(), '0');
      while (!frac.empty() && frac.back() == '0') frac.pop_back();
      return sign + std::to_string(abs_ps / u.ps) + "." + frac + u.name;
    }
  }
  return sign + std::to_string(abs_ps) + "ps";
}

}  // namespace sim
