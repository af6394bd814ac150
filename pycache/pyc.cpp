// pycache/pyc.cpp — pyc header, magic number, cache paths and atomic cache-file I/O.
#include "pycache/pyc.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "frontend/op_table.h"
#include "pycache/marshal.h"

namespace chaipy::pyc {
namespace {

// FNV-1a, 64-bit.
constexpr uint64_t fnv1a(uint64_t h, std::string_view s) {
  for (char ch : s) {
    h ^= uint8_t(ch);
    h *= 0x100000001b3ull;
  }
  return h;
}

// Checksum of everything that gives bytecode its meaning: the opcode table (names, argument
// kinds, flags, in order), the binary-operator table, and the marshal version.
constexpr uint64_t table_checksum() {
  uint64_t h = 0xcbf29ce484222325ull;
  for (const auto& row : kOpInfo) {
    h = fnv1a(h, row.name);
    char extra[3] = {char(row.arg), char(row.flags), ';'};
    h = fnv1a(h, std::string_view(extra, 3));
  }
  for (const auto& b : kBinOpInfo) h = fnv1a(h, b.symbol), h = fnv1a(h, ",");
  char v[2] = {char(kMarshalVersion), char(kFormatNumber & 0xFF)};
  return fnv1a(h, std::string_view(v, 2));
}

// Magic: high byte from the format number, low byte from the table checksum; never "\r\n"-like
// in its first byte, so a text file is not mistaken for a pyc.
constexpr uint16_t compute_magic() {
  uint64_t h = table_checksum();
  uint8_t lo = uint8_t(h ^ (h >> 8) ^ (h >> 16) ^ (h >> 24) ^ (h >> 32) ^ (h >> 40) ^ (h >> 48) ^ (h >> 56));
  uint8_t hi = uint8_t(0xC0 | (kFormatNumber & 0x3F));
  return uint16_t(lo | (hi << 8));
}
constexpr uint16_t kMagic = compute_magic();

void put32(std::string& s, uint32_t v) {
  for (int i = 0; i < 4; i++) s.push_back(char((v >> (8 * i)) & 0xFF));
}
uint32_t get32(const char* p) {
  auto* u = reinterpret_cast<const uint8_t*>(p);
  return uint32_t(u[0]) | uint32_t(u[1]) << 8 | uint32_t(u[2]) << 16 | uint32_t(u[3]) << 24;
}

std::string abspath(const std::string& p) {
  std::error_code ec;
  auto a = std::filesystem::absolute(p, ec);
  return ec ? p : a.lexically_normal().string();
}

}  // namespace

uint16_t magic_number() { return kMagic; }

std::string magic_bytes() {
  std::string s;
  s.push_back(char(kMagic & 0xFF));
  s.push_back(char(kMagic >> 8));
  s += "\r\n";
  return s;
}

std::string cache_tag() { return "chaipy-" + std::to_string(kFormatNumber); }

bool parse_invalidation(std::string_view s, Invalidation* out) {
  if (s == "timestamp") *out = Invalidation::kTimestamp;
  else if (s == "checked-hash") *out = Invalidation::kCheckedHash;
  else if (s == "unchecked-hash") *out = Invalidation::kUncheckedHash;
  else return false;
  return true;
}

std::string encode_header(const Header& h) {
  std::string s = magic_bytes();
  put32(s, h.flags);
  if (h.hash_based()) {
    put32(s, uint32_t(h.hash));
    put32(s, uint32_t(h.hash >> 32));
  } else {
    put32(s, h.mtime);
    put32(s, h.size);
  }
  return s;
}

std::string decode_header(std::string_view data, Header* h) {
  if (data.size() < kHeaderSize) return "file shorter than the pyc header";
  if (data.substr(0, 4) != magic_bytes()) return "bad magic number";
  h->flags = get32(data.data() + 4);
  if (h->flags & ~(kFlagHashBased | kFlagCheckSource)) return "invalid flags";
  if (!h->hash_based() && h->check_source()) return "check_source without hash-based";
  uint32_t a = get32(data.data() + 8), b = get32(data.data() + 12);
  if (h->hash_based()) {
    h->hash = uint64_t(a) | uint64_t(b) << 32;
  } else {
    h->mtime = a;
    h->size = b;
  }
  return {};
}

uint64_t source_hash(std::string_view source) {
  // Salted with the magic so a hash from another format never matches by accident.
  return hash_bytes(source, kMagic);
}

bool stat_source(const std::string& path, SourceStamp* out) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return false;
  out->mtime = int64_t(st.st_mtime);
  out->size = uint64_t(st.st_size);
  return true;
}

std::string build_pyc(const CodeUnit& code, Invalidation mode, std::string_view source, const SourceStamp& st) {
  Header h;
  if (mode == Invalidation::kTimestamp) {
    h.mtime = uint32_t(uint64_t(st.mtime) & 0xFFFFFFFFu);
    h.size = uint32_t(st.size & 0xFFFFFFFFu);
  } else {
    h.flags = kFlagHashBased | (mode == Invalidation::kCheckedHash ? kFlagCheckSource : 0);
    h.hash = source_hash(source);
  }
  return encode_header(h) + marshal_dump(code);
}

Config& config() {
  static Config c;
  return c;
}

// -- Paths ----------------------------------------------------------------------------------------
std::string default_cache_root() {
  if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x == '/') return std::string(x) + "/chaipy";
  if (const char* h = std::getenv("HOME"); h && *h) return std::string(h) + "/.cache/chaipy";
  return "";
}

bool is_system_dir(const std::string& dir) {
  for (const std::string& s : config().system_dirs)
    if (dir.size() >= s.size() && dir.compare(0, s.size(), s) == 0 &&
        (dir.size() == s.size() || dir[s.size()] == '/' || s.back() == '/'))
      return true;
  return false;
}

namespace {
// The prefix tree a cache for a source in `abs_head` goes to ("" = the __pycache__ beside it).
const std::string& prefix_for(const std::string& abs_head) {
  static const std::string none;
  const Config& c = config();
  if (!c.prefix.empty()) return c.prefix;
  if (!c.cache_root.empty() && is_system_dir(abs_head)) return c.cache_root;
  return none;
}

// `head` with `root` (a prefix tree) stripped, if head lies in that tree.
bool strip_root(std::string* head, const std::string& root) {
  if (root.empty()) return false;
  std::string stripped = root;
  while (stripped.size() > 1 && stripped.back() == '/') stripped.pop_back();
  if (head->rfind(stripped + "/", 0) != 0 && *head != stripped) return false;
  *head = head->substr(stripped.size());
  if (head->empty() || (*head)[0] != '/') *head = "/" + *head;
  return true;
}
}  // namespace

std::string cache_from_source(const std::string& path) {
  size_t slash = path.rfind('/');
  std::string head = slash == std::string::npos ? "" : path.substr(0, slash);
  std::string tail = slash == std::string::npos ? path : path.substr(slash + 1);
  if (slash == 0) head = "/";
  size_t dot = tail.rfind('.');
  std::string base = dot == std::string::npos ? tail : tail.substr(0, dot);
  if (base.empty()) base = tail.substr(dot + 1);  // ".py" → "py.chaipy-N.pyc", as CPython
  std::string filename = base + "." + cache_tag() + ".pyc";
  const Config& c = config();
  if (!c.prefix.empty() || !c.cache_root.empty()) {
    std::string abs_head = abspath(head.empty() ? "." : head);
    const std::string& prefix = prefix_for(abs_head);
    if (!prefix.empty()) {
      size_t k = 0;
      while (k < abs_head.size() && abs_head[k] == '/') k++;
      std::string rel = abs_head.substr(k);
      std::string out = prefix;
      if (!rel.empty()) out += (out.empty() || out.back() == '/' ? "" : "/") + rel;
      return out + (out.empty() || out.back() == '/' ? "" : "/") + filename;
    }
  }
  if (head.empty()) return "__pycache__/" + filename;
  return head + (head.back() == '/' ? "" : "/") + "__pycache__/" + filename;
}

std::optional<std::string> source_from_cache(const std::string& path, std::string* err) {
  std::string p = path;
  size_t slash = p.rfind('/');
  std::string head = slash == std::string::npos ? "" : p.substr(0, slash);
  std::string pycache_filename = slash == std::string::npos ? p : p.substr(slash + 1);
  bool found_in_prefix = strip_root(&head, config().prefix) || strip_root(&head, config().cache_root);
  if (!found_in_prefix) {
    size_t s2 = head.rfind('/');
    std::string pycache = s2 == std::string::npos ? head : head.substr(s2 + 1);
    if (pycache != "__pycache__") {
      *err = "__pycache__ not bottom-level directory in '" + path + "'";
      return std::nullopt;
    }
    head = s2 == std::string::npos ? "" : head.substr(0, s2);
  }
  size_t dots = 0;
  for (char ch : pycache_filename) dots += ch == '.';
  if (dots != 2 && dots != 3) {
    *err = "expected only 2 or 3 dots in '" + pycache_filename + "'";
    return std::nullopt;
  }
  if (dots == 3) {
    // name.tag.opt-N.pyc: the optimization marker must be "opt-" + alphanumerics.
    size_t second = pycache_filename.find('.', pycache_filename.find('.') + 1);
    size_t third = pycache_filename.find('.', second + 1);
    std::string opt = pycache_filename.substr(second + 1, third - second - 1);
    if (opt.rfind("opt-", 0) != 0) {
      *err = "optimization portion of filename does not start with 'opt-'";
      return std::nullopt;
    }
    std::string level = opt.substr(4);
    bool alnum = !level.empty();
    for (char ch : level) alnum = alnum && std::isalnum(uint8_t(ch));
    if (!alnum) {
      *err = "optimization level '" + level + "' is not an alphanumeric value";
      return std::nullopt;
    }
  }
  std::string base = pycache_filename.substr(0, pycache_filename.find('.'));
  if (head.empty()) return base + ".py";
  return head + (head.back() == '/' ? "" : "/") + base + ".py";
}

// -- Reading and writing ----------------------------------------------------------------------
bool read_whole_file(const std::string& path, std::string* out) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat st;
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return false;
  }
  out->clear();
  out->reserve(size_t(st.st_size));
  char buf[65536];
  for (;;) {
    ssize_t k = ::read(fd, buf, sizeof buf);
    if (k < 0) {
      if (errno == EINTR) continue;
      ::close(fd);
      return false;
    }
    if (k == 0) break;
    out->append(buf, size_t(k));
  }
  ::close(fd);
  return true;
}

CacheRead read_cache(const std::string& cache_path, const std::string& source_path, const SourceStamp& st,
                     const SourceText& source) {
  CacheRead r;
  // Read, not mmap: a file truncated by someone else while mapped would SIGBUS.
  std::string buf;
  if (!read_whole_file(cache_path, &buf)) {
    r.why = "no cache file";
    return r;
  }
  std::string_view data = buf;
  r.existed = true;
  Header h;
  r.why = decode_header(data, &h);
  if (!r.why.empty()) return r;
  r.hash_based = h.hash_based();
  r.check_source = h.check_source();
  if (h.hash_based()) {
    const std::string& policy = config().check_hash_based_pycs;
    if (policy == "always" || (policy == "default" && h.check_source())) {
      std::optional<std::string_view> text = source();
      if (!text || h.hash != source_hash(*text)) {
        r.why = text ? "source hash changed" : "source not readable";
        return r;
      }
    }
  } else if (h.mtime != uint32_t(uint64_t(st.mtime) & 0xFFFFFFFFu) || h.size != uint32_t(st.size & 0xFFFFFFFFu)) {
    r.why = "source mtime or size changed";
    return r;
  }
  MarshalResult m = marshal_load(data.substr(kHeaderSize), source_path);
  if (!m.code) {
    r.why = m.error;
    return r;
  }
  r.code = std::move(m.code);
  return r;
}

std::shared_ptr<const CodeUnit> read_pyc_file(const std::string& path, std::string* err) {
  std::string data;
  if (!read_whole_file(path, &data)) {
    *err = "can't read file";
    return nullptr;
  }
  Header h;
  *err = decode_header(data, &h);
  if (!err->empty()) return nullptr;
  MarshalResult m = marshal_load(std::string_view(data).substr(kHeaderSize));
  if (!m.code) *err = m.error;
  return m.code;
}

bool write_atomic(const std::string& path, std::string_view data, std::string* err) {
  auto fail = [&](const std::string& why) {
    if (err) *err = why;
    return false;
  };
  size_t slash = path.rfind('/');
  if (slash != std::string::npos && slash > 0) {
    std::error_code ec;
    std::filesystem::create_directories(path.substr(0, slash), ec);
    if (ec) return fail("cannot create directory: " + ec.message());
  }
  std::string tmp = path + "." + std::to_string(::getpid()) + ".tmp";
  int fd = -1;
  for (int attempt = 0; attempt < 2 && fd < 0; attempt++) {
    fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0 && errno == EEXIST) ::unlink(tmp.c_str());  // left over by a dead process with our pid
    else if (fd < 0) break;
  }
  if (fd < 0) return fail(std::string("cannot create temp file: ") + std::strerror(errno));
  const char* p = data.data();
  size_t left = data.size();
  while (left > 0) {
    ssize_t k = ::write(fd, p, left);
    if (k < 0 && errno == EINTR) continue;
    if (k <= 0) {
      int e = errno;
      ::close(fd);
      ::unlink(tmp.c_str());
      return fail(std::string("write failed: ") + std::strerror(e));
    }
    p += k;
    left -= size_t(k);
  }
  if (::close(fd) != 0) {
    ::unlink(tmp.c_str());
    return fail("close failed");
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    int e = errno;
    ::unlink(tmp.c_str());
    return fail(std::string("rename failed: ") + std::strerror(e));
  }
  return true;
}

}  // namespace chaipy::pyc
