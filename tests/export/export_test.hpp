// What the config-export tests share.
#pragma once

#include <string>

#include "sim/export/export_common.hpp"

namespace export_test {

inline bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The message of the ExportError `write` throws, or "" when it writes.
template <class Write>
std::string refusal(Write&& write) {
  try {
    write();
  } catch (const confgen::ExportError& e) {
    return e.what();
  }
  return "";
}

}  // namespace export_test
