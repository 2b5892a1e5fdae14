#include "models/vendor/vendor.hpp"

#include <array>
#include <utility>

namespace vendor {
namespace {
constexpr std::array<std::pair<Vendor, std::string_view>, 5> kNames{{
    {Vendor::kJunos, "junos"},
    {Vendor::kBird, "bird"},
    {Vendor::kFrr, "frr"},
    {Vendor::kEos, "eos"},
    {Vendor::kLinux, "linux"},
}};
}  // namespace

std::string_view name(Vendor v) {
  for (const auto& [value, text] : kNames)
    if (value == v) return text;
  return "?";
}

std::optional<Vendor> parse(std::string_view text) {
  for (const auto& [value, name] : kNames)
    if (name == text) return value;
  return std::nullopt;
}

std::string all_names() {
  std::string out;
  for (const auto& [value, text] : kNames) {
    if (!out.empty()) out += ", ";
    out += text;
  }
  return out;
}

}  // namespace vendor
