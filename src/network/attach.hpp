#pragma once
// Attaching the project's facilities to a stored network: each facility kind
// attaches to the nearest edge of each mode the settings give it (a point on
// the edge, not the nearest node), within a maximum distance. A facility on two
// or more modes (a port on road and sea, an ICD on road and rail) gets a
// transfer time between them. Facilities that cannot attach are recorded with
// the distance to the nearest edge of the mode.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "handles/sqlite.hpp"
#include "network/build_settings.hpp"
#include "network/model.hpp"

namespace logiplan::network {

struct Attachment {
  std::string feature_id;
  std::string kind;
  std::string name;
  Mode mode = Mode::road;
  std::optional<std::int64_t> edge;  // nullopt: too far
  double fraction = 0;               // along the edge, 0 at its from node
  std::optional<double> distance_m;  // to the nearest edge of the mode; nullopt when the mode has no edges
  std::optional<double> transfer_minutes;
  LonLat snapped;                    // the point on the edge
  LonLat facility;                   // where the facility is
};

// Attaches every site of an attachable kind and stores the result for the
// network (replacing earlier attachments).
std::vector<Attachment> attach_facilities(db::Database& db, std::int64_t network_id, const Network& net,
                                          const BuildSettings& settings);

std::vector<Attachment> load_attachments(db::Database& db, std::int64_t network_id);

}  // namespace logiplan::network
