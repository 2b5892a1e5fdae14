// The link-state database of area 0 plus the AS-external-LSAs (RFC 2328
// §12.2): one instance per LSA key, with the age bookkeeping of §12.1.1.
//
// An instance's age is the age it arrived with plus the whole seconds it
// has spent in the database, capped at MaxAge. Premature aging (§14.1)
// installs the same LSA with age MaxAge.
#pragma once

#include <cstdint>
#include <map>
#include <optional>

#include "models/ospf/lsa.hpp"
#include "sim/engine/time.hpp"

namespace ospf {

struct LsdbEntry {
  LsaPtr lsa;
  uint16_t age_at_install = 0;
  sim::Time installed_at;
  // Received from a neighbour (§13 step 5a applies MinLSArrival only to those).
  bool from_flooding = false;

  uint16_t age(sim::Time now) const;
  bool max_age(sim::Time now) const { return age(now) >= kMaxAge; }
  LsaHeader header(sim::Time now) const { return header_of(*lsa, age(now)); }
  // When the age reaches `age_s` (for refresh and MaxAge deadlines).
  sim::Time time_at_age(uint16_t age_s) const;
};

class Lsdb {
 public:
  const LsdbEntry* find(const LsaKey& key) const;
  void install(LsdbEntry entry) { entries_[entry.lsa->key] = std::move(entry); }
  void erase(const LsaKey& key) { entries_.erase(key); }
  size_t size() const { return entries_.size(); }

  // Entries in key order (type, Link State ID, Advertising Router).
  const std::map<LsaKey, LsdbEntry>& entries() const { return entries_; }

 private:
  std::map<LsaKey, LsdbEntry> entries_;
};

}  // namespace ospf
