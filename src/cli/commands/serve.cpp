// `logiplan serve`: the project's network kept open, answering route, matrix and
// service-area requests as JSON over HTTP on localhost (cpp-httplib, from
// Debian). The answers come from serve::Requests; this file maps URLs, status
// codes and signals.
#include <httplib.h>
#include <signal.h>

#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <thread>

#include "cli/command.hpp"
#include "core/error.hpp"
#include "serve/requests.hpp"

namespace logiplan::cli {
namespace {

class ServeCommand : public Command {
 public:
  CLI::App* setup(CLI::App& app, const GlobalOptions&) override {
    auto* sub = app.add_subcommand("serve", "Answer route, matrix and service-area requests over HTTP (JSON, localhost)");
    sub->add_option("project", project_, "Project file")->required();
    sub->add_option("--network", network_, "Network name")->default_val("main");
    sub->add_option("--profile", defaults_.profile, "Profile when a request names none")->default_val("container_truck");
    sub->add_option("--max-snap", defaults_.max_snap_m, "Metres a place may lie from the network (default: the network's)")
        ->check(CLI::PositiveNumber);
    sub->add_option("--host", host_, "Address to listen on (keep it local: there is no authentication)")->default_val("127.0.0.1");
    sub->add_option("--port", port_, "Port; 0 picks a free one (printed on start)")->default_val(8765);
    sub->add_flag("--prepare", prepare_,
                  "Before listening, open (or build and cache) the contraction hierarchies of --profile, fastest and "
                  "shortest, so every matrix request of that profile runs on them (without: only matrices of 256 or "
                  "more origins and destinations build one)");
    sub->footer(
        "EXAMPLES\n"
        "  logiplan serve out/haiphong.sqlite --profile truck &\n"
        "  logiplan serve hp.sqlite --profile car --prepare --port 0\n"
        "  curl 'http://127.0.0.1:8765/route?from=lach-huyen-port&to=dinh-vu-port'\n"
        "  curl -d '{\"origins\": \"kind:port\", \"destinations\": \"kind:logistics_centre\"}' http://127.0.0.1:8765/matrix\n"
        "  curl -d '{\"from\": \"dinh-vu-port\", \"minutes\": [15, 30]}' http://127.0.0.1:8765/service-area\n"
        "ENDPOINTS\n"
        "  GET /health; GET or POST /route, /matrix, /service-area. GET takes the fields as query parameters\n"
        "  (lists comma-free: repeat the parameter, e.g. origins=a&origins=b); POST takes a JSON object.\n"
        "  Fields: from, to, origins, destinations (feature id, name, lon,lat or kind:...), profile, metric\n"
        "  (fastest|shortest), lanes (strict|prefer|ignore), mixed_penalty, alternatives, minutes, scenario.\n"
        "  Errors: 400 with {\"error\": ...} for a bad request, 422 when the data do not allow an answer.\n"
        "The network is opened once (from its cache) and each profile's graph built once; requests are answered\n"
        "one at a time, each matrix on all cores. Stop with Ctrl-C or SIGTERM.");
    return sub;
  }

  void run() override {
    const auto t0 = std::chrono::steady_clock::now();
    // Block the stop signals before any thread starts, so one thread waits for them.
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, nullptr);

    auto project = project::Project::open(project_, false);
    auto session = std::make_shared<routing::NetworkSession>(project.db(), network_);
    serve::Requests requests(project, session, defaults_);
    if (prepare_) {
      const auto profile = routing::Profile::load(defaults_.profile);
      const auto base = session->base_graph(project.db(), profile, {});
      for (const auto metric : {routing::Metric::time, routing::Metric::distance}) session->hierarchy(project.db(), profile, *base, metric, true);
      fmt::print("hierarchies of {} ready ({:.1f} s)\n", profile.name,
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    }

    httplib::Server server;
    // One worker: the project connection and the place snapper are used by one request at a time.
    server.new_task_queue = [] { return new httplib::ThreadPool(1); };
    const auto answer = [&](auto handler) {
      return [&, handler](const httplib::Request& req, httplib::Response& res) {
        try {
          const auto request = parse(req);
          res.set_content((requests.*handler)(request).dump(), "application/json");
        } catch (const UsageError& e) {
          fail(res, 400, e.what());
        } catch (const nlohmann::json::exception& e) {
          fail(res, 400, std::string("the body is not the JSON expected: ") + e.what());
        } catch (const DataError& e) {
          fail(res, 422, e.what());
        } catch (const std::exception& e) {
          fail(res, 500, e.what());
        }
      };
    };
    for (const auto& [path, handler] : {std::pair{"/route", &serve::Requests::route}, std::pair{"/matrix", &serve::Requests::matrix},
                                        std::pair{"/service-area", &serve::Requests::service_area}}) {
      server.Get(path, answer(handler));
      server.Post(path, answer(handler));
    }
    server.Get("/health", [&](const httplib::Request&, httplib::Response& res) {
      res.set_content(requests.health().dump(), "application/json");
    });

    const int port = port_ == 0 ? server.bind_to_any_port(host_) : (server.bind_to_port(host_, port_) ? port_ : -1);
    if (port < 0) throw UsageError(fmt::format("cannot listen on {}:{} (in use, or not an address of this machine)", host_, port_));
    std::jthread stopper([&] {
      int sig = 0;
      sigwait(&stop, &sig);
      server.stop();
    });
    fmt::print("logiplan serve: network '{}' v{} ({} edges) on http://{}:{}/\n", session->info().name, session->info().id,
               session->network()->edges.size(), host_, port);
    std::fflush(stdout);
    server.listen_after_bind();
    if (stopper.joinable() && server.is_running()) server.stop();
    pthread_kill(stopper.native_handle(), SIGTERM);  // ends sigwait when the server stopped by itself
  }

 private:
  static nlohmann::json parse(const httplib::Request& req) {
    if (req.method == "POST") return req.body.empty() ? nlohmann::json::object() : nlohmann::json::parse(req.body);
    nlohmann::json j = nlohmann::json::object();
    for (const auto& [key, value] : req.params) {
      nlohmann::json v = value;
      if (key == "minutes" || key == "alternatives" || key == "mixed_penalty" || key == "buffer_m") {
        try {
          v = std::stod(value);
        } catch (const std::exception&) {
          throw UsageError(fmt::format("\"{}\": '{}' is not a number", key, value));
        }
      }
      if (j.contains(key)) {
        if (!j[key].is_array()) j[key] = nlohmann::json::array({j[key]});
        j[key].push_back(v);
      } else {
        j[key] = (key == "minutes") ? nlohmann::json::array({v}) : v;
      }
    }
    return j;
  }
  static void fail(httplib::Response& res, int status, const std::string& message) {
    res.status = status;
    res.set_content(nlohmann::json{{"error", message}}.dump(), "application/json");
  }

  std::string project_, network_ = "main", host_ = "127.0.0.1";
  int port_ = 8765;
  bool prepare_ = false;
  serve::Defaults defaults_;
};

}  // namespace

std::unique_ptr<Command> make_serve_command() { return std::make_unique<ServeCommand>(); }

}  // namespace logiplan::cli
