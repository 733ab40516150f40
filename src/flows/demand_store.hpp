#pragma once
// Demand matrices in the project: named, per vehicle class, trips per day or
// per peak hour between places (feature ids or lon,lat), with where they came
// from and the factors a generated one used.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "handles/sqlite.hpp"

namespace logiplan::flows {

struct Trip {
  std::string origin, destination;
  double trips = 0;
};

struct DemandMatrix {
  std::int64_t id = 0;
  std::string name, vehicle_class, period = "day", source;
  nlohmann::json params = nlohmann::json::object();
  std::vector<Trip> trips;
  double total() const;
};

// Stores a matrix (replacing one of the same name and class when `replace`;
// otherwise DataError naming it). One transaction.
std::int64_t save_demand(db::Database& db, const DemandMatrix& m, bool replace);
// The matrices of a name (every class), or DataError listing the names there are.
std::vector<DemandMatrix> load_demand(db::Database& db, const std::string& name);
std::vector<DemandMatrix> list_demand(db::Database& db);  // without their trips
// Reads an OD table (CSV/XLSX/ODS: origin, destination, trips). DataError
// naming the file and row for a missing column, an empty place, trips that are
// not a non-negative number, or a pair given twice.
std::vector<Trip> read_od_table(const std::string& path);

}  // namespace logiplan::flows
