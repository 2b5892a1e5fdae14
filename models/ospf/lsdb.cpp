#include "models/ospf/lsdb.hpp"

#include <algorithm>

namespace ospf {

namespace {
constexpr sim::Duration kSecond = sim::Duration::seconds(1);
}

uint16_t LsdbEntry::age(sim::Time now) const {
  if (age_at_install >= kMaxAge) return kMaxAge;
  const int64_t held = (now - installed_at) / kSecond;
  return static_cast<uint16_t>(std::min<int64_t>(kMaxAge, age_at_install + held));
}

sim::Time LsdbEntry::time_at_age(uint16_t age_s) const {
  if (age_s <= age_at_install) return installed_at;
  return installed_at + kSecond * (age_s - age_at_install);
}

const LsdbEntry* Lsdb::find(const LsaKey& key) const {
  auto it = entries_.find(key);
  return it == entries_.end() ? nullptr : &it->second;
}

}  // namespace ospf
