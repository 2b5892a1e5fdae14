// IPv4 addresses, prefixes and interface addresses.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "sim/engine/parse.hpp"

namespace net {

struct Ipv4 {
  uint32_t value = 0;  // host byte order

  constexpr auto operator<=>(const Ipv4&) const = default;
  std::string to_string() const;
};

// A network: address with all host bits zero, and a length 0..32.
struct Prefix {
  Ipv4 addr;
  uint8_t len = 0;

  static constexpr uint32_t mask_of(uint8_t len) {
    return len == 0 ? 0u : ~uint32_t{0} << (32 - len);
  }
  constexpr uint32_t mask() const { return mask_of(len); }
  constexpr bool contains(Ipv4 a) const { return (a.value & mask()) == addr.value; }
  constexpr bool contains(const Prefix& p) const { return p.len >= len && contains(p.addr); }
  constexpr auto operator<=>(const Prefix&) const = default;
  std::string to_string() const;
};

// An address configured on an interface: "10.10.1.2/30" (host bits set).
struct InterfaceAddress {
  Ipv4 addr;
  uint8_t len = 32;

  Prefix subnet() const { return Prefix{Ipv4{addr.value & Prefix::mask_of(len)}, len}; }
  constexpr auto operator<=>(const InterfaceAddress&) const = default;
  std::string to_string() const;
};

sim::Parsed<Ipv4> parse_ipv4(std::string_view text);
// Rejects host bits: "10.10.1.2/30" is not a prefix (its network is 10.10.1.0/30).
sim::Parsed<Prefix> parse_prefix(std::string_view text);
sim::Parsed<InterfaceAddress> parse_interface_address(std::string_view text);

}  // namespace net
