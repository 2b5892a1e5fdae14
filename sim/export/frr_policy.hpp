// FRR route-maps and prefix-lists from mhsim policy chains (internal to
// frr_config.cpp).
//
// A chain becomes one route-map, one entry per term, numbered 10, 20, ...:
// accept is `permit`, reject is `deny`, `next` is `permit` with `on-match
// next` (FRR applies the entry's sets and goes on with the next entry, as
// mhsim keeps a `next` term's changes). Prefix conditions become `match ip
// address prefix-list`; a term matching exactly one prefix list uses the
// list under its own name. What the chain leaves undecided gets a last
// entry with no match: `permit` where mhsim's FRR default accepts (BGP
// import), `deny` elsewhere. It is written even where FRR's implicit deny
// would do, because FRR permits a route that falls off the end after an
// `on-match next` entry matched it.
//
//   IMPORT-BGP-SERVERS: - term: SERVER-SERVICE-ADDRESS
//                         from: { prefix_list: SERVER-SERVICE-ADDRESS }
//                         then: accept
//                       - then: reject
//   ip prefix-list SERVER-SERVICE-ADDRESS seq 5 permit 192.168.100.1/32
//   route-map IMPORT-BGP-SERVERS permit 10
//    match ip address prefix-list SERVER-SERVICE-ADDRESS
//   exit
//   route-map IMPORT-BGP-SERVERS deny 20
//   exit
#pragma once

#include <span>
#include <string>
#include <vector>

#include "models/policy/policy.hpp"

namespace confgen::frr {

enum class Context { kBgpImport, kBgpExport, kOspfRedistribute };

struct MapOptions {
  Context context = Context::kBgpImport;
  policy::Verdict fallback = policy::Verdict::kReject;  // what an undecided route gets
};

class RouteMapWriter {
 public:
  // The route-map's name for this chain (a chain whose entries differ by
  // context gets a suffixed name). Throws ExportError for what FRR cannot
  // express as mhsim simulates it.
  std::string route_map(std::span<const policy::Policy* const> chain, const MapOptions& options,
                        const std::string& node);

  std::string prefix_lists() const;  // `ip prefix-list` lines, in the order first needed
  std::string route_maps() const;    // route-map blocks separated by `!`

 private:
  std::string match_prefix(const policy::Match& m, const policy::Policy& p, size_t term);
  void add_list(const std::string& name, const std::vector<std::string>& entries);

  std::vector<std::pair<std::string, std::vector<std::string>>> lists_;  // name, entries
  std::vector<std::pair<std::string, std::string>> maps_;                 // name, text
};

}  // namespace confgen::frr
