#include "qgis/sheet_renderer.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "resources/embedded_files.hpp"

namespace logiplan::qgis {

namespace {

std::string read_all(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

std::vector<std::filesystem::path> render_sheets(const std::filesystem::path& qgs, const std::filesystem::path& out_dir,
                                                 const std::vector<std::pair<std::string, std::string>>& files) {
  const char* env_python = std::getenv("LOGIPLAN_QGIS_PYTHON");
  const std::string python = env_python && *env_python ? env_python : "/usr/bin/python3";
  const auto script = out_dir / ".logiplan-render-layouts.py";
  const auto log = out_dir / ".logiplan-render-layouts.log";
  {
    std::ofstream out(script, std::ios::binary);
    out << resources::embedded("src/qgis/render_layouts.py");
    if (!out) throw DataError(fmt::format("{}: cannot write", script.string()));
  }
  std::vector<std::string> args = {python, script.string(), qgs.string(), out_dir.string()};
  for (const auto& [layout, stem] : files) args.push_back(layout + "=" + stem);
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  const pid_t pid = fork();
  if (pid < 0) throw DataError(fmt::format("cannot start {}: fork failed", python));
  if (pid == 0) {
    const int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
      dup2(fd, STDOUT_FILENO);
      dup2(fd, STDERR_FILENO);
    }
    setenv("QT_QPA_PLATFORM", "offscreen", 0);  // no display needed
    execv(python.c_str(), argv.data());
    std::fprintf(stderr, "cannot run %s\n", python.c_str());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  const std::string output = read_all(log);
  std::filesystem::remove(script);
  std::filesystem::remove(log);
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (code != 0) {
    std::string why = output.empty() ? "no message" : output;
    if (code == 127 || why.find("No module named 'qgis'") != std::string::npos) {
      why += fmt::format("\n--pdf needs QGIS's Python: install python3-qgis (scripts/setup.sh --qgis), or set "
                         "LOGIPLAN_QGIS_PYTHON to a Python that imports qgis (now: {})", python);
    }
    throw DataError(fmt::format("{}: rendering the map sheets with QGIS failed (exit {}):\n{}", qgs.string(), code, why));
  }
  std::vector<std::filesystem::path> out;
  for (const auto& [layout, stem] : files) {
    for (const char* ext : {".pdf", ".png"}) {
      const auto p = out_dir / (stem + ext);
      if (!std::filesystem::exists(p)) {
        throw DataError(fmt::format("{}: QGIS wrote no {} for the sheet '{}':\n{}", qgs.string(), p.string(), layout, output));
      }
      out.push_back(p);
    }
  }
  return out;
}

}  // namespace logiplan::qgis
