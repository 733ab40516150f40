#pragma once
// Binary cache files beside a project: what a command would otherwise rebuild
// from the project's tables on every start (the loaded network, the routing
// graph of a profile). The SQLite tables stay the source of truth; a cache file
// is only a faster way to open them, so it is never trusted:
//   - its header carries a format version and a key (the network's version,
//     build time, counts, restrictions; the profile's content; the lane options)
//     that must equal the key the caller computes from the project now;
//   - a checksum covers the payload, so a flipped byte is caught (checked whole
//     on open, unless a record beside the file says this very file, unchanged
//     since, was checked whole before);
//   - anything that does not match is reported as "stale" and rebuilt.
// Files are written to a temporary name and renamed, so a killed writer leaves
// the old file or the new one, never half of one.
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "handles/mapped_file.hpp"

namespace logiplan::cache {

// Bumped whenever the layout of any cached payload changes.
inline constexpr std::uint32_t kFormatVersion = 3;  // 2: a four-lane checksum; 3: XXH3

// Where the caches of the project at `project` live: "<project>-cache/" beside
// it. Empty for in-memory databases, and when LOGIPLAN_CACHE=off.
std::filesystem::path cache_dir(const std::filesystem::path& project);

std::uint64_t checksum(std::span<const std::byte> bytes);
std::uint64_t checksum(std::string_view text);

// A payload being written. Arrays are aligned to 8 bytes so a reader can use
// them in place from the memory map.
class Writer {
 public:
  template <class T>
  void put(const T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    append(&v, sizeof(T));
  }
  void put_string(std::string_view s) {
    put<std::uint32_t>(static_cast<std::uint32_t>(s.size()));
    append(s.data(), s.size());
  }
  template <class T>
  void put_array(std::span<const T> v) {
    static_assert(std::is_trivially_copyable_v<T>);
    put<std::uint64_t>(v.size());
    align();
    append(v.data(), v.size() * sizeof(T));
  }
  template <class T>
  void put_array(const std::vector<T>& v) { put_array(std::span<const T>(v)); }
  const std::string& bytes() const { return buf_; }

 private:
  void append(const void* p, std::size_t n) { buf_.append(static_cast<const char*>(p), n); }
  void align() { buf_.resize((buf_.size() + 7) / 8 * 8, '\0'); }
  std::string buf_;
};

// Thrown by Reader on a payload that ends early (a damaged file).
struct Truncated : std::runtime_error {
  Truncated() : std::runtime_error("cache payload ends early") {}
};

// Reads a payload in the order it was written; arrays are views into the map.
class Reader {
 public:
  explicit Reader(std::span<const std::byte> bytes) : bytes_(bytes) {}
  template <class T>
  T get() {
    T v;
    std::memcpy(&v, take(sizeof(T)), sizeof(T));
    return v;
  }
  std::string_view get_string() {
    const auto n = get<std::uint32_t>();
    return {reinterpret_cast<const char*>(take(n)), n};
  }
  template <class T>
  std::span<const T> get_array() {
    const auto n = get<std::uint64_t>();
    pos_ = (pos_ + 7) / 8 * 8;
    if (n > bytes_.size() / (sizeof(T) ? sizeof(T) : 1)) throw Truncated{};
    return {reinterpret_cast<const T*>(take(n * sizeof(T))), static_cast<std::size_t>(n)};
  }
  bool at_end() const { return pos_ == bytes_.size(); }

 private:
  const std::byte* take(std::size_t n) {
    if (pos_ > bytes_.size() || n > bytes_.size() - pos_) throw Truncated{};
    const std::byte* p = bytes_.data() + pos_;
    pos_ += n;
    return p;
  }
  std::span<const std::byte> bytes_;
  std::size_t pos_ = 0;
};

// An opened cache file whose header matched: the payload, kept mapped as long
// as any view into it lives.
struct Opened {
  std::shared_ptr<const io::MappedFile> file;
  std::span<const std::byte> payload;
  bool checked_whole = true;  // false: the same file was checked whole before (NAME.checked)
};

// Why a cache could not be used, for --verbose and the tests.
struct Miss {
  std::string reason;  // "absent", "format version 0, not 1", "key differs", "checksum differs", ...
};

// Opens `path` if it holds a payload written for `key`; otherwise says why not.
std::variant<Opened, Miss> open(const std::filesystem::path& path, std::string_view key);
// Writes `payload` for `key` at `path` (a temporary file, then a rename). Returns
// false, leaving no file, when the folder cannot be written (a read-only share):
// the command goes on without the cache.
bool write(const std::filesystem::path& path, std::string_view key, const std::string& payload);

}  // namespace logiplan::cache
