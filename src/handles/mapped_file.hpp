#pragma once
// RAII for a read-only memory map of a whole file (POSIX mmap), written once.
// The caches of prepared networks and routing graphs are read through it: the
// pages come from the page cache, shared between processes, and nothing is
// copied; a command decodes only the parts it uses.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>

namespace logiplan::io {

// What the file system says of a file: any write to it changes its change
// time (ctime), which no program can set back.
struct FileIdentity {
  std::uint64_t device = 0, inode = 0, size = 0;
  std::int64_t modified_ns = 0, changed_ns = 0;
  bool operator==(const FileIdentity&) const = default;
};

class MappedFile {
 public:
  // Maps `path`; nullptr when it cannot be opened or mapped (a cache is optional).
  // Pages come in as they are read: a route reads a few hundred of a network's.
  static std::shared_ptr<const MappedFile> open(const std::filesystem::path& path);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  std::span<const std::byte> bytes() const { return {static_cast<const std::byte*>(data_), size_}; }
  // The mapped file itself, open for reading (pread): the same file as the map
  // even if another one was renamed over its path since.
  int descriptor() const { return fd_; }
  const FileIdentity& identity() const { return identity_; }

 private:
  MappedFile(void* data, std::size_t size, int fd, FileIdentity identity)
      : data_(data), size_(size), fd_(fd), identity_(identity) {}
  void* data_ = nullptr;
  std::size_t size_ = 0;
  int fd_ = -1;
  FileIdentity identity_;
};

// Tells the kernel that `bytes` will not be read for a while (MADV_PAGEOUT): the
// pages of a file map leave this process's memory at once and come back from the
// file if read again; anonymous memory is paged out to swap, where there is
// one (so callers keep it to file maps). Never changes what the bytes hold. A
// hint: ignored where the kernel does not know it (before Linux 5.4).
void advise_not_needed(std::span<const std::byte> bytes);

}  // namespace logiplan::io
