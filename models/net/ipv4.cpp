#include "models/net/ipv4.hpp"

#include <algorithm>
#include <cctype>

namespace net {

std::string Ipv4::to_string() const {
  return std::to_string(value >> 24) + "." + std::to_string((value >> 16) & 0xff) + "." +
         std::to_string((value >> 8) & 0xff) + "." + std::to_string(value & 0xff);
}

std::string Prefix::to_string() const { return addr.to_string() + "/" + std::to_string(len); }

std::string InterfaceAddress::to_string() const {
  return addr.to_string() + "/" + std::to_string(len);
}

sim::Parsed<Ipv4> parse_ipv4(std::string_view text) {
  const std::string bad = "'" + std::string(text) + "' is not an IPv4 address (want a.b.c.d)";
  uint32_t value = 0;
  int octets = 0;
  size_t i = 0;
  while (octets < 4) {
    size_t start = i;
    uint32_t octet = 0;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])) && i - start < 4)
      octet = octet * 10 + static_cast<uint32_t>(text[i++] - '0');
    if (i == start || i - start > 3 || octet > 255) return sim::Parsed<Ipv4>::fail(bad);
    if (i - start > 1 && text[start] == '0') return sim::Parsed<Ipv4>::fail(bad + ": leading zero");
    value = (value << 8) | octet;
    ++octets;
    if (octets < 4) {
      if (i >= text.size() || text[i] != '.') return sim::Parsed<Ipv4>::fail(bad);
      ++i;
    }
  }
  if (i != text.size()) return sim::Parsed<Ipv4>::fail(bad);
  return sim::Parsed<Ipv4>::ok(Ipv4{value});
}

namespace {

sim::Parsed<InterfaceAddress> parse_with_length(std::string_view text, std::string_view what) {
  const size_t slash = text.find('/');
  if (slash == std::string_view::npos)
    return sim::Parsed<InterfaceAddress>::fail("'" + std::string(text) + "' is not " +
                                               std::string(what) + " (want a.b.c.d/len)");
  auto addr = parse_ipv4(text.substr(0, slash));
  if (!addr) return sim::Parsed<InterfaceAddress>::fail(addr.error);
  const std::string_view len_text = text.substr(slash + 1);
  // Digits only (parse_unsigned would let spaces in) and, as for octets, no
  // leading zero: one spelling per prefix.
  const bool digits = !len_text.empty() && len_text.size() <= 2 &&
                      std::all_of(len_text.begin(), len_text.end(),
                                  [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
  auto len = digits ? sim::parse_unsigned(len_text) : sim::Parsed<uint64_t>::fail("");
  if (!len || *len.value > 32)
    return sim::Parsed<InterfaceAddress>::fail("prefix length '" + std::string(len_text) +
                                               "' in '" + std::string(text) +
                                               "' must be 0 to 32");
  if (len_text.size() > 1 && len_text[0] == '0')
    return sim::Parsed<InterfaceAddress>::fail("prefix length '" + std::string(len_text) +
                                               "' in '" + std::string(text) +
                                               "' has a leading zero");
  return sim::Parsed<InterfaceAddress>::ok(
      InterfaceAddress{*addr.value, static_cast<uint8_t>(*len.value)});
}

}  // namespace

sim::Parsed<Prefix> parse_prefix(std::string_view text) {
  auto a = parse_with_length(text, "a prefix");
  if (!a) return sim::Parsed<Prefix>::fail(a.error);
  const Prefix net = a.value->subnet();
  if (net.addr != a.value->addr)
    return sim::Parsed<Prefix>::fail("'" + std::string(text) + "' has host bits set (did you mean " +
                                     net.to_string() + "?)");
  return sim::Parsed<Prefix>::ok(net);
}

sim::Parsed<InterfaceAddress> parse_interface_address(std::string_view text) {
  return parse_with_length(text, "an interface address");
}

}  // namespace net
