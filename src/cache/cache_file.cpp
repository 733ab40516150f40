#include "cache/cache_file.hpp"

#include <fmt/format.h>
#include <time.h>
#include <unistd.h>
#include <xxhash.h>

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <thread>
#include <vector>

namespace logiplan::cache {

namespace {
constexpr char kMagic[8] = {'L', 'P', 'C', 'A', 'C', 'H', 'E', '\n'};

// 64 bytes, then the key, then padding to a multiple of 64, then the payload.
struct Header {
  char magic[8];
  std::uint32_t format;
  std::uint32_t key_size;
  std::uint64_t key_checksum;
  std::uint64_t payload_size;
  std::uint64_t payload_checksum;
  std::uint64_t payload_offset;
  std::uint64_t reserved[2];
};
static_assert(sizeof(Header) == 64);

std::uint64_t mix(std::uint64_t h, std::uint64_t w) {
  h ^= w * 0x9E3779B97F4A7C15ull;
  h = (h << 31) | (h >> 33);
  return h * 0xC2B2AE3D27D4EB4Full;
}
}  // namespace

namespace {
// XXH3 (Debian's libxxhash): any changed byte changes the result, at the speed
// of reading memory, so a whole graph can be checked when it is opened (once,
// see NAME.checked below). Fed in pieces (a file read in chunks).
class Hasher {
 public:
  explicit Hasher(std::size_t total) : state_(XXH3_createState()) {
    if (!state_ || XXH3_64bits_reset_withSeed(state_.get(), total) != XXH_OK) throw std::bad_alloc();
  }
  void blocks(std::span<const std::byte> bytes) { XXH3_64bits_update(state_.get(), bytes.data(), bytes.size()); }
  std::uint64_t last(std::span<const std::byte> bytes) {
    blocks(bytes);
    return XXH3_64bits_digest(state_.get());
  }

 private:
  struct Free {
    void operator()(XXH3_state_t* s) const noexcept { XXH3_freeState(s); }
  };
  std::unique_ptr<XXH3_state_t, Free> state_;
};

std::uint64_t checksum_one(std::span<const std::byte> bytes) { return XXH3_64bits_withSeed(bytes.data(), bytes.size(), bytes.size()); }

// The same over `size` bytes of an open file from `offset`, read in chunks
// (pread), so that checking a gigabyte file does not map it into memory.
std::optional<std::uint64_t> checksum_of_file(int fd, std::uint64_t offset, std::uint64_t size) {
  constexpr std::size_t kChunk = std::size_t{8} << 20;
  std::vector<std::byte> buf(kChunk);
  Hasher h(size);
  for (std::uint64_t done = 0;;) {
    const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(kChunk, size - done));
    std::size_t got = 0;
    while (got < want) {
      const auto n = ::pread(fd, buf.data() + got, want - got, static_cast<off_t>(offset + done + got));
      if (n <= 0) return std::nullopt;
      got += static_cast<std::size_t>(n);
    }
    done += want;
    if (done == size) return h.last(std::span<const std::byte>(buf.data(), want));
    h.blocks(std::span<const std::byte>(buf.data(), want));
  }
}
}  // namespace

std::uint64_t checksum(std::span<const std::byte> bytes) { return checksum_one(bytes); }

namespace {
// How a payload's checksum is taken, in the header's first reserved word (files
// written before it have 0 there and are read as before): 1 sums the two halves
// apart, on two threads, as it is written for payloads of 8 MiB and more: a
// national network's files are gigabytes, checked on every open, and even a
// city's (20 MB) sums at under 2 GB/s from the page cache's scattered pages
// (about 11 ms, measured on Porto), where a thread costs 0.1 ms.
enum Scheme : std::uint64_t { kWhole = 0, kHalves = 1 };
constexpr std::size_t kHalvesFrom = std::size_t{8} << 20;

// A payload of `size` bytes summed as `scheme` says, `sum(offset, n)` summing one
// range of it (from memory or from the file).
template <class SumRange>
std::optional<std::uint64_t> by_scheme(std::uint64_t size, std::uint64_t scheme, const SumRange& sum) {
  if (scheme == kWhole) return sum(0, size);
  const std::uint64_t half = size / 2 / 32 * 32;
  std::optional<std::uint64_t> second;
  std::thread other([&] { second = sum(half, size - half); });
  const auto first = sum(0, half);
  other.join();
  if (!first || !second) return std::nullopt;
  return mix(mix(*first, *second), size);
}

std::uint64_t payload_checksum(std::span<const std::byte> bytes, std::uint64_t scheme) {
  return *by_scheme(bytes.size(), scheme, [&](std::uint64_t o, std::uint64_t n) {
    return std::optional<std::uint64_t>(checksum_one(bytes.subspan(o, n)));
  });
}

// The same, reading the payload from the open file rather than through its
// map: the map's pages come in only where a command reads them (a route: a few
// hundred of a national network's).
std::optional<std::uint64_t> payload_checksum(int fd, std::uint64_t offset, std::uint64_t size, std::uint64_t scheme) {
  return by_scheme(size, scheme, [&](std::uint64_t o, std::uint64_t n) { return checksum_of_file(fd, offset + o, n); });
}

// A file checked whole need not be checked again while it is the same file:
// after a full check, a record beside it ("NAME.checked") keeps what the file
// system says of it (device, inode, size, modification and change times to the
// nanosecond) with its payload checksum, and an open that finds them all
// unchanged skips the check (Porto's three files: 7 ms of a 50 ms route). Any
// write to the file changes its change time, which no program can set back, so
// a flipped byte is still caught. Timestamps are coarse (a write in the same
// clock tick may leave them as they were), so a file changed less than a second
// before its check gets no record, as git treats its index's "racily clean"
// entries.
struct CheckedRecord {
  char magic[8];
  io::FileIdentity file;
  std::uint64_t payload_checksum;
  std::uint64_t record_checksum;  // of the bytes above
};
constexpr char kCheckedMagic[8] = {'L', 'P', 'C', 'H', 'E', 'C', 'K', '\n'};
constexpr std::int64_t kRacyNs = 1'000'000'000;

std::filesystem::path record_path(const std::filesystem::path& path) { return path.string() + ".checked"; }

std::uint64_t record_sum(const CheckedRecord& r) { return XXH3_64bits(&r, offsetof(CheckedRecord, record_checksum)); }

bool checked_before(const std::filesystem::path& path, const io::FileIdentity& file, std::uint64_t payload_checksum) {
  CheckedRecord r{};
  std::ifstream in(record_path(path), std::ios::binary);
  if (!in.read(reinterpret_cast<char*>(&r), sizeof r) || in.peek() != std::ifstream::traits_type::eof()) return false;
  return std::memcmp(r.magic, kCheckedMagic, sizeof kCheckedMagic) == 0 && r.record_checksum == record_sum(r) &&
         r.file == file && r.payload_checksum == payload_checksum;
}

void record_checked(const std::filesystem::path& path, const io::FileIdentity& file, std::uint64_t payload_checksum) {
  struct timespec now {};
  ::clock_gettime(CLOCK_REALTIME, &now);
  if (std::int64_t{now.tv_sec} * 1'000'000'000 + now.tv_nsec - file.changed_ns < kRacyNs) return;
  CheckedRecord r{};
  std::memcpy(r.magic, kCheckedMagic, sizeof kCheckedMagic);
  r.file = file;
  r.payload_checksum = payload_checksum;
  r.record_checksum = record_sum(r);
  const auto target = record_path(path);
  const auto tmp = target.string() + fmt::format(".tmp{}", ::getpid());
  std::error_code ec;
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out || !out.write(reinterpret_cast<const char*>(&r), sizeof r).flush()) {
      std::filesystem::remove(tmp, ec);
      return;  // a folder that cannot be written: the next open checks again
    }
  }
  std::filesystem::rename(tmp, target, ec);
  if (ec) std::filesystem::remove(tmp, ec);
}
}  // namespace

std::uint64_t checksum(std::string_view text) {
  return checksum(std::span<const std::byte>(reinterpret_cast<const std::byte*>(text.data()), text.size()));
}

std::filesystem::path cache_dir(const std::filesystem::path& project) {
  if (const char* env = std::getenv("LOGIPLAN_CACHE"); env && std::string_view(env) == "off") return {};
  const auto s = project.string();
  if (s.empty() || s == ":memory:" || s.rfind("file:", 0) == 0) return {};
  return std::filesystem::path(s + "-cache");
}

std::variant<Opened, Miss> open(const std::filesystem::path& path, std::string_view key) {
  auto file = io::MappedFile::open(path);
  if (!file) return Miss{"absent"};
  const auto bytes = file->bytes();
  if (bytes.size() < sizeof(Header)) return Miss{"shorter than its header"};
  Header h;
  std::memcpy(&h, bytes.data(), sizeof h);
  if (std::memcmp(h.magic, kMagic, sizeof kMagic) != 0) return Miss{"not a logiplan cache file"};
  if (h.format != kFormatVersion) return Miss{fmt::format("format version {}, not {}", h.format, kFormatVersion)};
  if (h.key_size != key.size() || sizeof(Header) + h.key_size > bytes.size() ||
      std::memcmp(bytes.data() + sizeof(Header), key.data(), key.size()) != 0 || h.key_checksum != checksum(key)) {
    return Miss{"written for another network version, profile or project"};
  }
  if (h.payload_offset > bytes.size() || h.payload_size != bytes.size() - h.payload_offset) {
    return Miss{"size differs from its header (cut short?)"};
  }
  const auto payload = bytes.subspan(h.payload_offset, h.payload_size);
  if (h.reserved[0] != kWhole && h.reserved[0] != kHalves) return Miss{fmt::format("checksum scheme {} unknown", h.reserved[0])};
  if (checked_before(path, file->identity(), h.payload_checksum)) return Opened{std::move(file), payload, false};
  const auto sum = payload_checksum(file->descriptor(), h.payload_offset, h.payload_size, h.reserved[0]);
  if (sum != h.payload_checksum) return Miss{"checksum differs (the file was damaged)"};
  record_checked(path, file->identity(), h.payload_checksum);
  return Opened{std::move(file), payload, true};
}

bool write(const std::filesystem::path& path, std::string_view key, const std::string& payload) {
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  if (ec) return false;
  Header h{};
  std::memcpy(h.magic, kMagic, sizeof kMagic);
  h.format = kFormatVersion;
  h.key_size = static_cast<std::uint32_t>(key.size());
  h.key_checksum = checksum(key);
  h.payload_offset = (sizeof(Header) + key.size() + 63) / 64 * 64;
  h.payload_size = payload.size();
  h.reserved[0] = payload.size() >= kHalvesFrom ? kHalves : kWhole;
  h.payload_checksum =
      payload_checksum(std::span<const std::byte>(reinterpret_cast<const std::byte*>(payload.data()), payload.size()), h.reserved[0]);
  const auto tmp = path.string() + fmt::format(".tmp{}", ::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return false;
    out.write(reinterpret_cast<const char*>(&h), sizeof h);
    out.write(key.data(), static_cast<std::streamsize>(key.size()));
    const std::string pad(h.payload_offset - sizeof(Header) - key.size(), '\0');
    out.write(pad.data(), static_cast<std::streamsize>(pad.size()));
    out.write(payload.data(), static_cast<std::streamsize>(payload.size()));
    out.flush();
    if (!out) {
      std::filesystem::remove(tmp, ec);
      return false;
    }
  }
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    return false;
  }
  return true;
}

}  // namespace logiplan::cache
