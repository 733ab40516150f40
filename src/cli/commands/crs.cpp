#include <fmt/format.h>

#include <cstdlib>

#include "cli/command.hpp"
#include "core/error.hpp"
#include "crs/named_crs.hpp"
#include "crs/point_transform.hpp"

namespace logiplan::cli {
namespace {

crs::XY parse_point(const std::string& s) {
  const auto comma = s.find(',');
  if (comma == std::string::npos) throw UsageError(fmt::format("point '{}': expected X,Y (lon,lat or easting,northing)", s));
  char* end1 = nullptr;
  char* end2 = nullptr;
  const std::string a = s.substr(0, comma), b = s.substr(comma + 1);
  const double x = std::strtod(a.c_str(), &end1);
  const double y = std::strtod(b.c_str(), &end2);
  if (end1 == a.c_str() || *end1 || end2 == b.c_str() || *end2) throw UsageError(fmt::format("point '{}': not two numbers", s));
  return {x, y};
}

class CrsCommand : public Command {
 public:
  CLI::App* setup(CLI::App& app, const GlobalOptions&) override {
    auto* sub = app.add_subcommand("crs", "Coordinate systems: list the readable names, transform points");
    sub->require_subcommand(1);
    list_ = sub->add_subcommand("list", "List CRS names logiplan accepts besides EPSG codes");
    transform_ = sub->add_subcommand("transform", "Transform points (always X,Y = lon,lat or easting,northing)");
    transform_->add_option("--from", from_, "Source CRS")->required();
    transform_->add_option("--to", to_, "Target CRS")->required();
    transform_->add_option("points", points_, "Points as X,Y")->required();
    sub->footer(
        "EXAMPLES\n"
        "  logiplan crs list\n"
        "  logiplan crs transform --from wgs84 --to vn2000-haiphong 106.90547,20.79833\n"
        "Definitions and datum shifts come from PROJ's EPSG database.");
    return sub;
  }
  void run() override {
    if (list_->parsed()) {
      for (const auto& n : crs::named_crs()) fmt::print("{:<20} {:<11} {}\n", n.name, n.definition, n.description);
      return;
    }
    const crs::PointTransformer t(from_, to_);
    for (const auto& p : points_) {
      const auto q = t.forward(parse_point(p));
      fmt::print("{:.9f},{:.9f}\n", q.x, q.y);
    }
  }

 private:
  CLI::App* list_ = nullptr;
  CLI::App* transform_ = nullptr;
  std::string from_, to_;
  std::vector<std::string> points_;
};

}  // namespace
std::unique_ptr<Command> make_crs_command() { return std::make_unique<CrsCommand>(); }
}  // namespace logiplan::cli
