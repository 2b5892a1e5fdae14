// BIRD 2 filters from mhsim policy chains (internal to bird_config.cpp).
//
// A chain becomes one named filter: each term an `if` (or bare statements
// when it has no `from`), its actions BIRD attribute assignments, accept and
// reject themselves; `next` adds nothing, so evaluation goes on as in mhsim.
// What the chain leaves undecided ends in `reject;`, which is both BIRD's
// own end-of-filter rule and mhsim's protocol default wherever BIRD takes a
// filter (BGP import and export with a policy, OSPF export).
//
//   service_address: - from: { route_filter: 192.168.100.1/32 exact }
//                      then: accept
//                    - then: reject
//   filter service_address {
//     if net = 192.168.100.1/32 then accept;
//     reject;
//   }
#pragma once

#include <map>
#include <span>
#include <string>
#include <vector>

#include "models/ospf/config.hpp"
#include "models/policy/policy.hpp"

namespace confgen::bird {

// Where a filter is used decides what some actions mean.
enum class Context { kBgpImport, kBgpExport, kOspfExport };

struct FilterOptions {
  Context context = Context::kBgpImport;
  bool ibgp = false;  // BGP: the session is internal
  ospf::ExternalType external_type = ospf::ExternalType::kType2;  // OSPF export
};

// "IMPORT-BGP-SERVERS" -> "IMPORT_BGP_SERVERS": a BIRD symbol.
std::string symbol(const std::string& name);

// Collects the filters and prefix-set constants a config needs.
class FilterWriter {
 public:
  // The filter's name for this chain (written once; a chain whose text
  // differs by context gets a suffixed name). Throws ExportError for what
  // BIRD cannot express.
  // `prologue`: statements put before the chain's terms (OSPF default
  // origination, a type-1 default metric).
  std::string filter(std::span<const policy::Policy* const> chain, const FilterOptions& options,
                     const std::string& node, const std::string& prologue = "");

  // `define` lines and filters, in the order first needed.
  std::string defines() const;
  std::string filters() const;

 private:
  std::string condition(const policy::Match& m, const policy::Policy& p, size_t term,
                        const FilterOptions& o, const std::string& node);
  std::string prefix_set_name(const policy::PrefixList& list);

  std::vector<std::pair<std::string, std::string>> defines_;  // name, text
  std::vector<std::pair<std::string, std::string>> filters_;  // name, text
};

}  // namespace confgen::bird
