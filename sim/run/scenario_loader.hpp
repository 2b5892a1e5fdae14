// The checks and resolution behind load_scenario(), one section at a time.
//
// Sections are read in dependency order, whatever their order in the file:
// link_defaults, nodes, addresses, links (whose subnet check needs the
// addresses), events (which name links). Lookups are hashed: generated
// fabrics have thousands of nodes. Internal to sim/run.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "sim/run/scenario.hpp"
#include "sim/run/yaml_reader.hpp"

namespace run::detail {

class ScenarioLoader {
 public:
  ScenarioLoader(YamlReader& reader, Scenario& scenario) : r_(reader), s_(scenario) {}

  void read_link_defaults(const Item& v);
  void read_nodes(const Item& v);
  void read_addresses(const Item& v);
  void read_links(const Item& v);
  void read_events(const Item& v);
  void read_services(const Item& v);  // scenario_services.cpp
  // After routing and services: BGP neighbours and services events name.
  void check_event_references();
  void warn_about_bare_nodes();

 private:
  // Where each link parameter was set, to point a queue-vs-MTU error at the
  // value that made it so.
  struct ParamPlaces {
    SourcePos mtu, queue;
  };
  struct AddressUse {
    size_t node;
    size_t interface;
    uint8_t len;
    SourcePos pos;
  };
  struct InterfaceRef {
    size_t node;
    size_t interface;
  };

  void read_node(const Field& f);
  void read_link(const Item& v);
  void read_event(const Item& v);
  void read_link_event(const Fields& fields, ScenarioEvent& e);
  void read_node_event(const Fields& fields, ScenarioEvent& e);
  void read_address_event(const Fields& fields, ScenarioEvent& e);
  void read_service(const Item& v);
  net::LinkParams read_link_params(const Fields& fields, net::LinkParams params,
                                   ParamPlaces& places) const;
  void check_queue_fits(const net::LinkParams& p, const ParamPlaces& here,
                        const ParamPlaces& inherited) const;
  void check_link_subnets(const ScenarioLink& link, const InterfaceRef (&refs)[2]);

  size_t find_node(const std::string& name, const SourcePos& at, const std::string& where) const;
  // "node:interface" split and its node looked up; the interface is not.
  std::pair<size_t, std::string> split_endpoint(const Item& v, std::string_view what) const;
  // The interface, created on first mention.
  size_t interface_of(size_t node, const std::string& name, const SourcePos& at);
  void add_address(size_t node, size_t interface, const Item& v);
  std::string endpoint_name(size_t node, size_t interface) const;

  YamlReader& r_;
  Scenario& s_;
  ParamPlaces default_places_;
  std::unordered_map<std::string, size_t> node_by_name_;
  std::vector<std::string> node_names_;  // did-you-mean candidates
  std::vector<std::unordered_map<std::string, size_t>> interface_by_name_;  // per node
  std::unordered_map<uint32_t, std::vector<AddressUse>> address_uses_;
  // Events: which nodes are crashed, and each interface's addresses as the
  // address events so far leave them ("pc:lo").
  struct NodeEventState {
    bool crashed = false;
    int crash_line = 0;
  };
  std::unordered_map<size_t, NodeEventState> node_event_state_;
  std::unordered_map<std::string, std::vector<net::InterfaceAddress>> event_addresses_;
};

}  // namespace run::detail
