// How Catch prints the types OSPF tests compare.
#pragma once

#include <catch2/catch.hpp>

#include "models/ospf/spf.hpp"
#include "models/rib/route.hpp"

namespace Catch {
template <>
struct StringMaker<net::Ipv4> {
  static std::string convert(const net::Ipv4& a) { return a.to_string(); }
};
template <>
struct StringMaker<sim::Time> {
  static std::string convert(const sim::Time& t) { return sim::format_seconds(t); }
};
template <>
struct StringMaker<ospf::NextHop> {
  static std::string convert(const ospf::NextHop& n) {
    return n.via.to_string() + "@" + std::to_string(n.interface);
  }
};
template <>
struct StringMaker<rib::NextHop> {
  static std::string convert(const rib::NextHop& n) {
    return n.via.to_string() + "@" + std::to_string(n.interface);
  }
};
}  // namespace Catch
