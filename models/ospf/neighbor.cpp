#include "models/ospf/neighbor.hpp"

#include <algorithm>

#include "models/ospf/interface.hpp"
#include "models/ospf/process.hpp"

namespace ospf {

std::string_view to_string(NeighborState s) {
  switch (s) {
    case NeighborState::kDown: return "Down";
    case NeighborState::kAttempt: return "Attempt";
    case NeighborState::kInit: return "Init";
    case NeighborState::kTwoWay: return "2-Way";
    case NeighborState::kExStart: return "ExStart";
    case NeighborState::kExchange: return "Exchange";
    case NeighborState::kLoading: return "Loading";
    case NeighborState::kFull: return "Full";
  }
  return "?";
}

Neighbor::Neighbor(Interface& ifc, net::Ipv4 router_id, net::Ipv4 address, uint64_t run_seed)
    : process_(ifc.process()),
      ifc_(ifc),
      router_id_(router_id),
      address_(address),
      since_(process_.now()),
      rng_(run_seed, "ospf-dd:" + process_.node_name_ + ":" + ifc.name() + ":" + router_id.to_string()),
      inactivity_timer_(process_.sim_, [this] { InactivityTimer(); }),
      dd_rxmt_timer_(process_.sim_, [this] { on_dd_rxmt_timer(); }),
      lsr_rxmt_timer_(process_.sim_, [this] { on_lsr_rxmt_timer(); }),
      rxmt_timer_(process_.sim_, [this] { on_rxmt_timer(); }),
      ack_timer_(process_.sim_, [this] { on_ack_timer(); }) {}

void Neighbor::set_state(NeighborState to) {
  if (to == state_) return;
  const NeighborState from = state_;
  state_ = to;
  since_ = process_.now();
  process_.neighbor_state_changed(*this, from, to);
}

// §10.3: "the Link state retransmission list, Database summary list and
// Link state request list are cleared of LSAs".
void Neighbor::clear_lists() {
  db_summary_.clear();
  request_list_.clear();
  outstanding_requests_.clear();
  rxmt_list_.clear();
  delayed_acks_.clear();
  have_last_received_ = false;
  dd_rxmt_timer_.stop();
  lsr_rxmt_timer_.stop();
  rxmt_timer_.stop();
  ack_timer_.stop();
}

// --- events (§10.3) ----------------------------------------------------------------

void Neighbor::HelloReceived() {
  last_hello_ = process_.now();
  inactivity_timer_.start(sim::Duration::seconds(ifc_.dead_interval_s()));
  if (state_ == NeighborState::kDown) set_state(NeighborState::kInit);
}

void Neighbor::Start() {
  // NBMA only (Down -> Attempt); nothing to do on point-to-point networks.
}

void Neighbor::TwoWayReceived() {
  if (state_ != NeighborState::kInit) return;  // 2-Way or better: no state change
  // On point-to-point networks an adjacency is always established.
  set_state(NeighborState::kTwoWay);
  AdjOK();
}

void Neighbor::AdjOK() {
  // Point-to-point: "should an adjacency be established?" is always yes, so
  // 2-Way moves on to ExStart and established adjacencies stay.
  if (state_ == NeighborState::kTwoWay) enter_exstart();
}

void Neighbor::enter_exstart() {
  clear_lists();
  set_state(NeighborState::kExStart);
  // §10.3: increment the DD sequence number, or pick a unique one the first time.
  dd_seq_ = dd_seq_set_ ? dd_seq_ + 1 : static_cast<uint32_t>(rng_.next_u64());
  dd_seq_set_ = true;
  master_ = true;
  send_dd(true);  // I, M and MS set, no headers: retransmitted until answered
}

void Neighbor::NegotiationDone() {
  if (state_ != NeighborState::kExStart) return;
  set_state(NeighborState::kExchange);
  // §10.3: the summary list gets the whole database; MaxAge LSAs go on the
  // retransmission list instead.
  std::vector<LsaHeader> summary = process_.exchange_summary(*this);
  db_summary_.assign(summary.begin(), summary.end());
}

void Neighbor::ExchangeDone() {
  if (state_ != NeighborState::kExchange) return;
  if (!master_) dd_rxmt_timer_.stop();
  if (request_list_.empty()) {
    set_state(NeighborState::kFull);
    return;
  }
  set_state(NeighborState::kLoading);
  if (outstanding_requests_.empty()) send_ls_request();
}

void Neighbor::LoadingDone() {
  if (state_ == NeighborState::kLoading) set_state(NeighborState::kFull);
}

void Neighbor::BadLSReq() {
  if (state_ >= NeighborState::kExchange) enter_exstart();
}

void Neighbor::SeqNumberMismatch() {
  if (state_ >= NeighborState::kExchange) enter_exstart();
}

void Neighbor::OneWayReceived() {
  if (state_ < NeighborState::kTwoWay) return;
  clear_lists();
  set_state(NeighborState::kInit);
}

void Neighbor::KillNbr() {
  inactivity_timer_.stop();
  clear_lists();
  set_state(NeighborState::kDown);
}

void Neighbor::InactivityTimer() {
  process_.trace("neighbor " + router_id_.to_string() + " on " + ifc_.name() +
                 ": inactivity timer expired");
  KillNbr();
}

void Neighbor::LLDown() { KillNbr(); }

// --- Database Description (§10.6, §10.8) -------------------------------------------

void Neighbor::send_dd(bool init) {
  auto dd = std::make_unique<DatabaseDescription>();
  dd->interface_mtu = static_cast<uint16_t>(ifc_.mtu());
  dd->init = init;
  dd->master = master_;
  dd->dd_seq = dd_seq_;
  if (!init) {
    const uint32_t room = headers_per_packet(ifc_.mtu(), 8);
    while (!db_summary_.empty() && dd->headers.size() < room) {
      dd->headers.push_back(db_summary_.front());
      db_summary_.pop_front();
    }
  }
  dd->more = init || !db_summary_.empty();
  last_sent_ = *dd;
  ifc_.send(std::move(dd));
  if (master_) dd_rxmt_timer_.start(process_.timers_.rxmt_interval);
}

void Neighbor::resend_last_dd() {
  ifc_.send(std::make_unique<DatabaseDescription>(last_sent_));
  if (master_) dd_rxmt_timer_.start(process_.timers_.rxmt_interval);
}

void Neighbor::on_dd_rxmt_timer() {
  if (master_ && (state_ == NeighborState::kExStart || state_ == NeighborState::kExchange))
    resend_last_dd();
}

void Neighbor::receive(const DatabaseDescription& dd) {
  const bool duplicate = have_last_received_ && dd.init == last_received_.init &&
                         dd.more == last_received_.more && dd.master == last_received_.master &&
                         dd.dd_seq == last_received_.seq;
  switch (state_) {
    case NeighborState::kDown:
    case NeighborState::kAttempt:
    case NeighborState::kTwoWay:
      return;  // rejected
    case NeighborState::kInit:
      TwoWayReceived();  // §10.6: as if 2-WayReceived, then in the new state
      if (state_ != NeighborState::kExStart) return;
      [[fallthrough]];
    case NeighborState::kExStart:
      negotiate(dd);
      return;
    case NeighborState::kExchange:
      if (duplicate) {
        if (!master_) resend_last_dd();  // the slave answers a duplicate; the master drops it
        return;
      }
      // The neighbour must claim the other role, and the I bit is over.
      if (dd.master == master_ || dd.init) return SeqNumberMismatch();
      if (dd.dd_seq != (master_ ? dd_seq_ : dd_seq_ + 1)) return SeqNumberMismatch();
      accept_dd(dd);
      return;
    case NeighborState::kLoading:
    case NeighborState::kFull:
      if (duplicate) {
        if (!master_) resend_last_dd();
        return;
      }
      return SeqNumberMismatch();
  }
}

bool Neighbor::negotiate(const DatabaseDescription& dd) {
  const net::Ipv4 me = process_.router_id();
  if (dd.init && dd.more && dd.master && dd.headers.empty() && router_id_ > me) {
    // The neighbour is master: adopt its sequence number and answer it.
    master_ = false;
    dd_seq_ = dd.dd_seq;
    dd_rxmt_timer_.stop();
    NegotiationDone();
    have_last_received_ = true;
    last_received_ = DdFlags{dd.init, dd.more, dd.master, dd.dd_seq};
    send_dd(false);
    return true;
  }
  if (!dd.init && !dd.master && dd.dd_seq == dd_seq_ && router_id_ < me) {
    // The slave acknowledged our initial packet: we are master.
    master_ = true;
    NegotiationDone();
    accept_dd(dd);
    return true;
  }
  return false;  // otherwise ignored
}

void Neighbor::accept_dd(const DatabaseDescription& dd) {
  have_last_received_ = true;
  last_received_ = DdFlags{dd.init, dd.more, dd.master, dd.dd_seq};
  if (!process_headers(dd)) return;
  if (master_) {
    dd_rxmt_timer_.stop();
    ++dd_seq_;
    // The packet just acknowledged was our last (M clear) and the slave has no more.
    if (!last_sent_.more && !dd.more) return ExchangeDone();
    send_dd(false);
  } else {
    dd_seq_ = dd.dd_seq;
    send_dd(false);
    if (!dd.more && !last_sent_.more) ExchangeDone();
  }
}

bool Neighbor::process_headers(const DatabaseDescription& dd) {
  for (const LsaHeader& h : dd.headers) {
    if (h.key.type != LsaType::kRouter && h.key.type != LsaType::kAsExternal) {
      SeqNumberMismatch();  // §10.6: an unknown LS type
      return false;
    }
    const LsdbEntry* have = process_.lsdb_.find(h.key);
    if (!have || compare_instances(h, have->header(process_.now())) > 0) request_list_[h.key] = h;
  }
  if (!request_list_.empty() && outstanding_requests_.empty()) send_ls_request();
  return true;
}

// --- Link State Requests (§10.7, §10.9) --------------------------------------------

void Neighbor::send_ls_request() {
  outstanding_requests_.clear();
  const uint32_t room = requests_per_packet(ifc_.mtu());
  for (const auto& [key, header] : request_list_) {
    if (outstanding_requests_.size() >= room) break;
    outstanding_requests_.push_back(key);
  }
  if (outstanding_requests_.empty()) return;
  auto lsr = std::make_unique<LinkStateRequest>();
  lsr->requests = outstanding_requests_;
  ifc_.send(std::move(lsr));
  lsr_rxmt_timer_.start(process_.timers_.rxmt_interval);
}

void Neighbor::on_lsr_rxmt_timer() {
  if (state_ != NeighborState::kExchange && state_ != NeighborState::kLoading) return;
  send_ls_request();  // what is still requested, again
}

void Neighbor::receive(const LinkStateRequest& lsr) {
  if (state_ < NeighborState::kExchange) return;
  std::vector<LsaCopy> copies;
  for (const LsaKey& key : lsr.requests) {
    const LsdbEntry* e = process_.lsdb_.find(key);
    if (!e) return BadLSReq();
    copies.push_back(LsaCopy{e->lsa, process_.transmit_age(*e)});
  }
  // §10.7: these are not put on the retransmission list; an unanswered
  // request is retransmitted by the requester instead.
  ifc_.send_update(std::move(copies));
}

const LsaHeader* Neighbor::requested(const LsaKey& key) const {
  auto it = request_list_.find(key);
  return it == request_list_.end() ? nullptr : &it->second;
}

void Neighbor::remove_request(const LsaKey& key) { request_list_.erase(key); }

void Neighbor::requests_progressed() {
  std::erase_if(outstanding_requests_, [this](const LsaKey& k) { return !request_list_.count(k); });
  if (!outstanding_requests_.empty()) return;
  lsr_rxmt_timer_.stop();
  if (!request_list_.empty()) {
    if (state_ == NeighborState::kExchange || state_ == NeighborState::kLoading) send_ls_request();
    return;
  }
  if (state_ == NeighborState::kLoading) LoadingDone();
}

// --- retransmission and acknowledgement (§13.5, §13.6, §13.7) ---------------------

void Neighbor::add_to_retransmission(const LsdbEntry& instance) {
  rxmt_list_[instance.lsa->key] = Retransmission{instance, process_.now()};
  if (!rxmt_timer_.running()) rxmt_timer_.start(process_.timers_.rxmt_interval);
}

void Neighbor::remove_from_retransmission(const LsaKey& key) {
  rxmt_list_.erase(key);
  if (rxmt_list_.empty()) rxmt_timer_.stop();
}

bool Neighbor::acknowledge(const LsaHeader& ack) {
  auto it = rxmt_list_.find(ack.key);
  if (it == rxmt_list_.end()) return false;
  if (compare_instances(ack, it->second.instance.header(process_.now())) != 0) return false;
  remove_from_retransmission(ack.key);
  return true;
}

void Neighbor::on_rxmt_timer() {
  const sim::Time now = process_.now();
  const sim::Duration rxmt = process_.timers_.rxmt_interval;
  std::vector<LsaCopy> due;
  sim::Time next = sim::Time::max();
  for (auto& [key, r] : rxmt_list_) {
    if (r.sent_at + rxmt <= now) {
      due.push_back(LsaCopy{r.instance.lsa, process_.transmit_age(r.instance)});
      r.sent_at = now;
    }
    next = std::min(next, r.sent_at + rxmt);
  }
  if (!due.empty()) {
    process_.counters_.lsa_retransmitted += due.size();
    process_.trace("retransmit " + std::to_string(due.size()) + " LSA(s) to " +
                   router_id_.to_string() + " on " + ifc_.name());
    ifc_.send_update(std::move(due));
  }
  if (next != sim::Time::max()) rxmt_timer_.start(next - now);
}

void Neighbor::queue_delayed_ack(const LsaHeader& header) {
  delayed_acks_.push_back(header);
  if (!ack_timer_.running()) ack_timer_.start(process_.timers_.ack_delay);
}

void Neighbor::send_direct_ack(const LsaHeader& header) {
  auto ack = std::make_unique<LinkStateAck>();
  ack->headers.push_back(header);
  ifc_.send(std::move(ack));
}

void Neighbor::on_ack_timer() {
  if (delayed_acks_.empty()) return;
  const uint32_t room = headers_per_packet(ifc_.mtu(), 0);
  for (size_t i = 0; i < delayed_acks_.size(); i += room) {
    auto ack = std::make_unique<LinkStateAck>();
    const size_t end = std::min(delayed_acks_.size(), i + room);
    ack->headers.assign(delayed_acks_.begin() + static_cast<std::ptrdiff_t>(i),
                        delayed_acks_.begin() + static_cast<std::ptrdiff_t>(end));
    ifc_.send(std::move(ack));
  }
  delayed_acks_.clear();
}

}  // namespace ospf
