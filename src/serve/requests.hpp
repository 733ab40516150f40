#pragma once
// What `logiplan serve` answers, without the HTTP: each request is JSON in,
// JSON out, over a network session kept open between requests. The HTTP layer
// (cli/commands/serve.cpp, cpp-httplib) only maps URLs and status codes, so the
// answers are tested here without a socket and agree with the one-shot commands.
//
//   route          {"from": PLACE, "to": PLACE, "profile"?, "metric"?, "lanes"?, "mixed_penalty"?, "alternatives"?, "scenario"?}
//   matrix         {"origins": PLACE|[PLACE], "destinations": PLACE|[PLACE], "profile"?, "metric"?, "lanes"?, "scenario"?}
//   service_area   {"from": PLACE|[PLACE], "minutes": [..], "profile"?, "buffer_m"?, "scenario"?}
// PLACE is what the commands take: a feature id, a name, "lon,lat" or "kind:port".
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "project/project.hpp"
#include "routing/network_session.hpp"

namespace logiplan::serve {

struct Defaults {
  std::string profile = "container_truck";
  std::optional<double> max_snap_m;
};

class Requests {
 public:
  Requests(project::Project& project, std::shared_ptr<routing::NetworkSession> session, Defaults defaults);
  // Throw UsageError for a bad request (unknown field value, missing place) and
  // DataError for data that does not allow an answer (a place far from the network).
  nlohmann::json route(const nlohmann::json& request);
  nlohmann::json matrix(const nlohmann::json& request);
  nlohmann::json service_area(const nlohmann::json& request);
  nlohmann::json health() const;

 private:
  project::Project& project_;
  std::shared_ptr<routing::NetworkSession> session_;
  Defaults defaults_;
};

}  // namespace logiplan::serve
