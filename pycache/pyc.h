// pycache/pyc.h — .pyc files: the 16-byte header, the magic number and cache tag, cache-path
// mapping (incl. -X pycache_prefix), freshness checks against the source, and atomic writes.
//
// A .pyc file is header + marshal_dump(code) (pycache/marshal.h). Header (little-endian):
//   [0..2)  magic: derived from kFormatNumber and a checksum of the opcode / binary-op tables
//   [2..4)  "\r\n"
//   [4..8)  flags: bit0 hash-based, bit1 check_source (PEP 552); other bits must be zero
//   [8..16) timestamp mode: source mtime (u32) + source size (u32); hash mode: u64 source hash
// See docs/pyc-format.md.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "frontend/code_unit.h"

namespace chaipy::pyc {

// The bytecode format number: the N of the cache tag "chaipy-N". Bump it with any change to
// the meaning of existing bytecode; reordering opcodes.def changes the magic automatically.
constexpr uint32_t kFormatNumber = 2;  // 2: functions carry their annotations (MAKE_FUNCTION 0x04)
constexpr size_t kHeaderSize = 16;
constexpr uint32_t kFlagHashBased = 1, kFlagCheckSource = 2;

uint16_t magic_number();
std::string magic_bytes();         // the first 4 header bytes (magic + "\r\n")
std::string cache_tag();           // "chaipy-N"

enum class Invalidation : uint8_t { kTimestamp, kCheckedHash, kUncheckedHash };
bool parse_invalidation(std::string_view s, Invalidation* out);  // "timestamp", "checked-hash", ...

struct Header {
  uint32_t flags = 0;
  uint32_t mtime = 0, size = 0;    // timestamp mode
  uint64_t hash = 0;               // hash mode
  bool hash_based() const { return flags & kFlagHashBased; }
  bool check_source() const { return flags & kFlagCheckSource; }
};
std::string encode_header(const Header& h);
// Checks magic and flag bits; fills *h. Returns "" or why the header is rejected.
std::string decode_header(std::string_view data, Header* h);

// 64-bit hash of the source bytes stored by hash-based pycs.
uint64_t source_hash(std::string_view source);

// What the cache records about its source (seconds since the epoch; bytes).
struct SourceStamp {
  int64_t mtime = 0;
  uint64_t size = 0;
};
bool stat_source(const std::string& path, SourceStamp* out);

// A complete pyc image for `code` compiled from `source`.
std::string build_pyc(const CodeUnit& code, Invalidation mode, std::string_view source, const SourceStamp& st);

// -- Configuration (set by main from -B, -X pycache_prefix, the environment) --------------------
struct Config {
  bool dont_write_bytecode = false;
  std::string prefix;              // -X pycache_prefix / PYTHONPYCACHEPREFIX ("" = none)
  // --check-hash-based-pycs: "default" (a hash-based pyc's check_source flag decides), "always"
  // (every hash-based pyc is checked against its source) or "never" (none is).
  std::string check_hash_based_pycs = "default";
  // The per-user cache root (default_cache_root()) for sources in directories the system's
  // package manager owns, and those directories (absolute, normalised). Sources under one of
  // them are cached under cache_root like a pycache_prefix ("" / empty = no cache root).
  std::string cache_root;
  std::vector<std::string> system_dirs;
};
Config& config();
// $XDG_CACHE_HOME/chaipy, else $HOME/.cache/chaipy ("" when neither variable is set).
std::string default_cache_root();
// True when `dir` (absolute, normalised) is one of config().system_dirs or below one.
bool is_system_dir(const std::string& dir);

// -- Paths ----------------------------------------------------------------------------------------
// importlib.util.cache_from_source: "<dir>/__pycache__/<base>.chaipy-N.pyc", or with a prefix
// "<prefix>/<absolute dir without leading />/<base>.chaipy-N.pyc". The prefix is
// config().prefix if set, else config().cache_root for a source in a system directory.
std::string cache_from_source(const std::string& path);
// importlib.util.source_from_cache; on a malformed path returns nullopt with CPython's ValueError
// message in *err.
std::optional<std::string> source_from_cache(const std::string& path, std::string* err);

// -- Reading and writing ------------------------------------------------------------------------
struct CacheRead {
  std::shared_ptr<const CodeUnit> code;  // set only when the cache is valid and fresh
  bool existed = false;                  // a file was there (valid or not)
  bool hash_based = false, check_source = false;  // of the existing file's header
  std::string why;                       // why it was not used
};
// Reads `cache_path` and returns its code if it is valid for the source (stamp `st`, and text
// for a checked-hash cache); the recorded filename is replaced by `source_path`. The source
// text is read only when needed, as CPython does: `source` returns it (nullopt if unreadable).
using SourceText = std::function<std::optional<std::string_view>()>;
CacheRead read_cache(const std::string& cache_path, const std::string& source_path, const SourceStamp& st,
                     const SourceText& source);
inline CacheRead read_cache(const std::string& cache_path, const std::string& source_path, std::string_view source,
                            const SourceStamp& st) {
  return read_cache(cache_path, source_path, st, [source] { return std::optional(source); });
}
// Loads a sourceless pyc (compileall -b output or any pyc given explicitly): only the header's
// magic/flags and the body are checked.
std::shared_ptr<const CodeUnit> read_pyc_file(const std::string& path, std::string* err);
// Writes `data` to `path` atomically (temp file "<path>.<pid>.tmp" in the same directory, then
// rename), creating parent directories. Returns false on any failure (nothing left behind).
bool write_atomic(const std::string& path, std::string_view data, std::string* err = nullptr);

bool read_whole_file(const std::string& path, std::string* out);

}  // namespace chaipy::pyc
