// libFuzzer target: IPv4 addresses, prefixes and interface addresses.
//
// Besides not crashing: an address is accepted only in its one canonical
// dotted-quad form (to_string() gives the text back), a prefix has no host
// bits and prints back as written, an interface address parses back from
// what it prints, and its subnet is a valid prefix that contains it.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/fuzz_check.hpp"
#include "models/net/ipv4.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::string shown(text);

  if (const auto a = net::parse_ipv4(text))
    fuzz::require(a.value->to_string() == text,
                  "address '" + shown + "' accepted, prints as " + a.value->to_string());
  else
    fuzz::require(!a.error.empty(), "address '" + shown + "' refused without a reason");

  if (const auto p = net::parse_prefix(text)) {
    fuzz::require(p.value->len <= 32, "prefix '" + shown + "' has length > 32");
    fuzz::require((p.value->addr.value & ~p.value->mask()) == 0,
                  "prefix '" + shown + "' accepted with host bits");
    fuzz::require(p.value->to_string() == text,
                  "prefix '" + shown + "' accepted, prints as " + p.value->to_string());
  } else {
    fuzz::require(!p.error.empty(), "prefix '" + shown + "' refused without a reason");
  }

  if (const auto ia = net::parse_interface_address(text)) {
    const auto back = net::parse_interface_address(ia.value->to_string());
    fuzz::require(back && *back.value == *ia.value,
                  "interface address '" + shown + "' does not round-trip");
    const net::Prefix subnet = ia.value->subnet();
    fuzz::require(subnet.contains(ia.value->addr), "subnet of '" + shown + "' misses it");
    fuzz::require(static_cast<bool>(net::parse_prefix(subnet.to_string())),
                  "subnet of '" + shown + "' is not a prefix");
  } else {
    fuzz::require(!ia.error.empty(), "interface address '" + shown + "' refused without a reason");
  }
  return 0;
}
