#pragma once
// RAII for a read-only memory map of a whole file (POSIX mmap), written once.
// The caches of prepared networks and routing graphs are read through it: the
// pages come from the page cache, shared between processes, and nothing is
// copied; a command decodes only the parts it uses.
#include <cstddef>
#include <filesystem>
#include <memory>
#include <span>

namespace logiplan::io {

class MappedFile {
 public:
  // Maps `path`; nullptr when it cannot be opened or mapped (a cache is optional).
  // Files below kPopulateBelow bytes are mapped with all their pages (MAP_POPULATE).
  static std::shared_ptr<const MappedFile> open(const std::filesystem::path& path);
  static constexpr long long kPopulateBelow = 64ll << 20;
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  std::span<const std::byte> bytes() const { return {static_cast<const std::byte*>(data_), size_}; }

 private:
  MappedFile(void* data, std::size_t size) : data_(data), size_(size) {}
  void* data_ = nullptr;
  std::size_t size_ = 0;
};

// Tells the kernel that `bytes` will not be read for a while (MADV_PAGEOUT): the
// pages of a file map leave this process's memory at once and come back from the
// file if read again; anonymous memory is paged out to swap, where there is
// one (so callers keep it to file maps). Never changes what the bytes hold. A
// hint: ignored where the kernel does not know it (before Linux 5.4).
void advise_not_needed(std::span<const std::byte> bytes);

}  // namespace logiplan::io
