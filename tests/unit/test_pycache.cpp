// tests/unit/test_pycache.cpp — the bytecode cache: marshal round trips, a distrustful reader
// (every truncation, random corruption), pyc header modes, cache-path mapping, atomic writes.
#include <unistd.h>

#include <cstdlib>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "frontend/compile.h"
#include "interp/opcodes.h"
#include "pycache/marshal.h"
#include "pycache/pyc.h"

using namespace chaipy;
namespace fs = std::filesystem;

namespace {

const char* const kSnippets[] = {
    "x = 1\nprint(x)\n",
    "def f(a, b=2, *args, c, d=4, **kw):\n    return a + b + c + d + len(args) + len(kw)\nprint(f(1, c=3))\n",
    "def outer():\n    n = 0\n    def inner():\n        nonlocal n\n        n += 1\n        return n\n    return inner\n",
    "class A:\n    '''doc'''\n    x = 1\n    def m(self):\n        return __class__, super().__init__\n",
    "try:\n    1 / 0\nexcept ZeroDivisionError as e:\n    print(e)\nelse:\n    pass\nfinally:\n    print('f')\n",
    "with open('x') as f, open('y') as g:\n    pass\n",
    "def gen():\n    yield 1\n    yield from range(3)\n    return 5\n",
    "a = [i * i for i in range(10) if i % 2]\nb = {k: v for k, v in zip('ab', 'cd')}\nc = {x for x in a}\n",
    "big = 123456789012345678901234567890\nneg = -big\nf = 1.5e300\nz = 2j + 1\nb = b'\\x00\\xff'\ns = 'h\\u00e9llo \\U0001F600'\n",
    "if x in {1, 2, 3}:\n    pass\nt = (1, (2, 'a'), None, True, ...)\n",
    "def k(**kw): return kw\nk(a=1, b=2)\nprint(*[1, 2], sep='-', **{'end': '\\n'})\n",
    "while True:\n    for i in range(3):\n        if i: break\n        continue\n    else:\n        pass\n    break\n",
};

std::vector<std::string> snippets() {
  std::vector<std::string> v;
  for (size_t i = 0; i < std::size(kSnippets); i++) v.emplace_back(kSnippets[i]);
  v.emplace_back("import a.b.c\nimport os.path as p\nfrom m import (x, y as z)\nfrom . import q\nfrom ..r import *\n");
  v.emplace_back("def f():\n    try:\n        pass\n    finally:\n        return 1\nlambda x, /, y: (x, y)\n");
  return v;
}

std::shared_ptr<const CodeUnit> compile_ok(const std::string& src, const std::string& filename = "<snippet>") {
  CompileResult r = compile_source(src, filename);
  if (r.error) FAIL("compile error: " << r.error->msg << " in\n" << src);
  return r.code;
}

// Loads a complete pyc image the way the importer does (header, then body).
std::shared_ptr<const CodeUnit> load_image(std::string_view data, std::string* why) {
  pyc::Header h;
  *why = pyc::decode_header(data, &h);
  if (!why->empty()) return nullptr;
  auto r = pyc::marshal_load(data.substr(pyc::kHeaderSize));
  *why = r.error;
  return r.code;
}

// A body from raw bytes (everything after the version byte and checksum), with a valid checksum.
std::string sealed(const std::string& rest) {
  std::string body(1, char(pyc::kMarshalVersion));
  body.append(8, '\0');
  body += rest;
  pyc::marshal_seal(&body);
  return body;
}

std::string medium_source() {
  return "import sys\n"
         "class Point:\n"
         "    def __init__(self, x, y):\n"
         "        self.x, self.y = x, y\n"
         "    def __repr__(self):\n"
         "        return f'Point({self.x!r}, {self.y:>3})'\n"
         "def fib(n):\n"
         "    a, b = 0, 1\n"
         "    for _ in range(n):\n"
         "        a, b = b, a + b\n"
         "    return a\n"
         "try:\n"
         "    print(fib(30), Point(1, 2), {1: 2.5, 'k': (3, None)})\n"
         "except (ValueError, TypeError) as e:\n"
         "    raise RuntimeError('x') from e\n";
}

fs::path temp_dir(const std::string& tag) {
  fs::path d = fs::temp_directory_path() / ("chaipy_pyc_" + tag + "_" + std::to_string(::getpid()));
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

}  // namespace

TEST_CASE("marshal round trip of compiled snippets", "[pycache]") {
  for (const auto& src : snippets()) {
    auto code = compile_ok(src);
    INFO(src);
    REQUIRE(pyc::validate_code_tree(*code) == "");
    std::string bytes = pyc::marshal_dump(*code);
    auto r = pyc::marshal_load(bytes);
    REQUIRE(r.error == "");
    REQUIRE(r.code);
    CHECK(pyc::code_equal(*code, *r.code));
    CHECK(pyc::marshal_dump(*r.code) == bytes);
  }
}

TEST_CASE("marshal round trip of the Python corpus", "[pycache]") {
  fs::path corpus = fs::path(CHAIPY_TESTS_UNIT_DIR).parent_path() / "py";
  if (!fs::exists(corpus)) SUCCEED("corpus not found");
  int n = 0;
  for (auto& e : fs::recursive_directory_iterator(corpus)) {
    if (e.path().extension() != ".py") continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    CompileResult cr = compile_source(ss.str(), e.path().string());
    if (cr.error) continue;  // the syntax-error tests
    INFO(e.path().string());
    REQUIRE(pyc::validate_code_tree(*cr.code) == "");
    std::string bytes = pyc::marshal_dump(*cr.code);
    auto r = pyc::marshal_load(bytes);
    REQUIRE(r.error == "");
    CHECK(pyc::code_equal(*cr.code, *r.code));
    CHECK(pyc::marshal_dump(*r.code) == bytes);
    n++;
  }
  CHECK(n > 0);
}

TEST_CASE("marshal_load replaces the recorded filename", "[pycache]") {
  auto code = compile_ok("def f():\n    def g(): pass\n", "/old/place.py");
  auto r = pyc::marshal_load(pyc::marshal_dump(*code), "/new/place.py");
  REQUIRE(r.code);
  CHECK(r.code->filename == "/new/place.py");
  const Const* fconst = nullptr;
  for (const Const& k : r.code->consts)
    if (k.kind == Const::Kind::Code) fconst = &k;
  REQUIRE(fconst);
  CHECK(fconst->code->filename == "/new/place.py");
}

TEST_CASE("every truncation of a valid pyc is rejected", "[pycache]") {
  auto code = compile_ok(medium_source());
  pyc::SourceStamp st{1700000000, 1234};
  for (auto mode : {pyc::Invalidation::kTimestamp, pyc::Invalidation::kCheckedHash}) {
    std::string image = pyc::build_pyc(*code, mode, medium_source(), st);
    std::string why;
    REQUIRE(load_image(image, &why));
    for (size_t len = 0; len < image.size(); len++) {
      auto c = load_image(std::string_view(image).substr(0, len), &why);
      INFO("length " << len << " of " << image.size());
      CHECK(!c);
      CHECK(!why.empty());
    }
    // Trailing garbage is rejected too.
    CHECK(!load_image(image + "x", &why));
  }
}

TEST_CASE("random corruption never yields an ill-formed CodeUnit", "[pycache]") {
  auto code = compile_ok(medium_source());
  std::string image = pyc::build_pyc(*code, pyc::Invalidation::kTimestamp, medium_source(), {1, 2});
  std::mt19937 rng(20261121);
  int accepted = 0, rejected = 0;
  for (int iter = 0; iter < 4000; iter++) {
    std::string bad = image;
    int flips = 1 + int(rng() % 3);
    for (int k = 0; k < flips; k++) {
      size_t pos = iter < 200 ? rng() % pyc::kHeaderSize : rng() % bad.size();
      if (rng() % 2) bad[pos] = char(bad[pos] ^ (1u << (rng() % 8)));
      else bad[pos] = char(rng() & 0xFF);
    }
    std::string why;
    auto c = load_image(bad, &why);
    if (!c) {
      rejected++;
      continue;
    }
    accepted++;
    REQUIRE(pyc::validate_code(*c) == "");
    auto again = pyc::marshal_load(pyc::marshal_dump(*c));
    REQUIRE(again.code);
  }
  CHECK(rejected > 0);
  INFO("accepted " << accepted);
}

TEST_CASE("corrupted bodies with a valid checksum: the validator alone stands guard", "[pycache]") {
  for (const char* src : {"def f(a, *b, **c):\n    try:\n        return [x for x in b if x]\n    finally:\n        print(a, c)\n",
                          "class A:\n    def g(self):\n        yield from range(3)\nwith open('f') as h:\n    pass\n"}) {
    auto code = compile_ok(src);
    std::string body = pyc::marshal_dump(*code);
    std::mt19937 rng(7);
    int accepted = 0;
    for (int iter = 0; iter < 3000; iter++) {
      std::string bad = body;
      int flips = 1 + int(rng() % 4);
      for (int k = 0; k < flips; k++) {
        size_t pos = pyc::kBodyPrefix + rng() % (bad.size() - pyc::kBodyPrefix);
        switch (rng() % 3) {
          case 0: bad[pos] = char(bad[pos] ^ (1u << (rng() % 8))); break;
          case 1: bad[pos] = char(rng() & 0xFF); break;
          default: bad.erase(pos, 1 + rng() % 3); break;
        }
        if (bad.size() <= pyc::kBodyPrefix) bad = body;
      }
      pyc::marshal_seal(&bad);
      auto r = pyc::marshal_load(bad);
      if (!r.code) continue;
      accepted++;
      REQUIRE(pyc::validate_code_tree(*r.code) == "");
    }
    INFO("accepted " << accepted);
    CHECK(accepted < 3000);
  }
}

TEST_CASE("hostile counts do not allocate", "[pycache]") {
  // A code object claiming 2^32-1 instructions in a 60-byte buffer.
  std::string raw = "c";
  for (int i = 0; i < 7; i++) raw.append("\0\0\0\0", 4);
  for (int i = 0; i < 3; i++) raw.append("\0\0\0\0", 4);  // empty filename / name / qualname
  raw.append("\xff\xff\xff\xff", 4);
  auto r = pyc::marshal_load(sealed(raw));
  CHECK(!r.code);
  CHECK(r.error == "count exceeds remaining data");
  // Deeply nested tuples are cut off.
  auto code = compile_ok("x = 1\n");
  std::string d = pyc::marshal_dump(*code);
  std::string nest(1000, '(');
  CHECK(!pyc::marshal_load(sealed(nest)).code);
  // A body whose checksum does not match is rejected before parsing.
  std::string tampered = d;
  tampered.back() = char(tampered.back() ^ 1);
  CHECK(pyc::marshal_load(tampered).error == "checksum mismatch");
  CHECK(!pyc::marshal_load("").code);
  CHECK(!pyc::marshal_load(std::string(1, char(pyc::kMarshalVersion + 1)) + d.substr(1)).code);
}

TEST_CASE("validator rejects bad bytecode", "[pycache]") {
  auto base = compile_ok("def f(a):\n    return a + 1\nprint(f(2))\n");
  auto check_bad = [&](auto mutate) {
    CodeUnit c = *base;
    mutate(c);
    CHECK(pyc::validate_code(c) != "");
    CHECK(!pyc::marshal_load(pyc::marshal_dump(c)).code);
  };
  check_bad([](CodeUnit& c) { c.code[0] = uint32_t(Op::kCount); });
  check_bad([](CodeUnit& c) { c.code.back() = make_insn(Op::NOP, 0); });  // falls off the end
  check_bad([](CodeUnit& c) { c.stacksize = 0; });
  check_bad([](CodeUnit& c) { c.ncaches = 0; });
  check_bad([](CodeUnit& c) { c.positions.pop_back(); });
  check_bad([](CodeUnit& c) {
    for (auto& w : c.code)
      if (insn_op(w) == Op::LOAD_CONST) w = make_insn(Op::LOAD_CONST, uint32_t(c.consts.size()));
  });
  check_bad([](CodeUnit& c) { c.exceptions.push_back({0, uint32_t(c.code.size()) + 5, 0, 0, false}); });
  check_bad([](CodeUnit& c) { c.code.insert(c.code.begin(), make_insn(Op::JUMP_FORWARD, 999999)), c.positions.push_back({}); });
}

TEST_CASE("pyc header modes", "[pycache]") {
  auto code = compile_ok("x = 1\n");
  std::string src = "x = 1\n";
  pyc::SourceStamp st{0x1234567890ll, 6};
  pyc::Header h;
  std::string ts = pyc::build_pyc(*code, pyc::Invalidation::kTimestamp, src, st);
  REQUIRE(pyc::decode_header(ts, &h) == "");
  CHECK(!h.hash_based());
  CHECK(h.mtime == uint32_t(0x34567890u));
  CHECK(h.size == 6);
  CHECK(ts.substr(0, 4) == pyc::magic_bytes());
  CHECK(ts.substr(2, 2) == "\r\n");
  std::string ch = pyc::build_pyc(*code, pyc::Invalidation::kCheckedHash, src, st);
  REQUIRE(pyc::decode_header(ch, &h) == "");
  CHECK(h.hash_based());
  CHECK(h.check_source());
  CHECK(h.hash == pyc::source_hash(src));
  std::string un = pyc::build_pyc(*code, pyc::Invalidation::kUncheckedHash, src, st);
  REQUIRE(pyc::decode_header(un, &h) == "");
  CHECK(h.hash_based());
  CHECK(!h.check_source());
  CHECK(pyc::source_hash("a") != pyc::source_hash("b"));
  // Unknown flag bits and a foreign magic are rejected.
  std::string bad = ts;
  bad[4] = 4;
  CHECK(pyc::decode_header(bad, &h) != "");
  bad = ts;
  bad[0] = char(bad[0] ^ 1);
  CHECK(pyc::decode_header(bad, &h) == "bad magic number");
  CHECK(pyc::cache_tag() == "chaipy-" + std::to_string(pyc::kFormatNumber));
}

TEST_CASE("read_cache freshness per mode", "[pycache]") {
  fs::path d = temp_dir("fresh");
  std::string src_path = (d / "m.py").string(), src = "x = 1\n";
  auto code = compile_ok(src, src_path);
  pyc::SourceStamp st{1000, src.size()};
  std::string cpath = (d / "m.pyc").string();
  REQUIRE(pyc::write_atomic(cpath, pyc::build_pyc(*code, pyc::Invalidation::kTimestamp, src, st)));
  CHECK(pyc::read_cache(cpath, src_path, src, st).code);
  // A timestamp cache needs only the stamp: the source text is never asked for (CPython's rule).
  int reads = 0;
  auto counted = [&]() -> std::optional<std::string_view> {
    reads++;
    return src;
  };
  CHECK(pyc::read_cache(cpath, src_path, st, counted).code);
  CHECK(reads == 0);
  CHECK(!pyc::read_cache(cpath, src_path, src, {1001, src.size()}).code);
  CHECK(!pyc::read_cache(cpath, src_path, src, {1000, src.size() + 1}).code);
  // checked-hash: mtime is irrelevant, the text is what counts.
  REQUIRE(pyc::write_atomic(cpath, pyc::build_pyc(*code, pyc::Invalidation::kCheckedHash, src, st)));
  auto r = pyc::read_cache(cpath, src_path, src, {5, 1});
  CHECK(r.code);
  CHECK(r.hash_based);
  CHECK(!pyc::read_cache(cpath, src_path, "x = 2\n", st).code);
  auto unreadable = pyc::read_cache(cpath, src_path, st, [] { return std::optional<std::string_view>(); });
  CHECK(!unreadable.code);
  CHECK(unreadable.why == "source not readable");
  CHECK(pyc::read_cache(cpath, src_path, st, counted).code);
  CHECK(reads == 1);
  // unchecked-hash: trusted whatever the source.
  REQUIRE(pyc::write_atomic(cpath, pyc::build_pyc(*code, pyc::Invalidation::kUncheckedHash, src, st)));
  CHECK(pyc::read_cache(cpath, src_path, "x = 2\n", {7, 7}).code);
  auto missing = pyc::read_cache((d / "nope.pyc").string(), src_path, src, st);
  CHECK(!missing.code);
  CHECK(!missing.existed);
  fs::remove_all(d);
}

TEST_CASE("cache path mapping", "[pycache]") {
  std::string tag = pyc::cache_tag();
  pyc::config().prefix.clear();
  CHECK(pyc::cache_from_source("/a/b/foo.py") == "/a/b/__pycache__/foo." + tag + ".pyc");
  CHECK(pyc::cache_from_source("foo.py") == "__pycache__/foo." + tag + ".pyc");
  CHECK(pyc::cache_from_source("/a/pkg/__init__.py") == "/a/pkg/__pycache__/__init__." + tag + ".pyc");
  CHECK(pyc::cache_from_source("/x.y/foo.bar.py") == "/x.y/__pycache__/foo.bar." + tag + ".pyc");
  std::string err;
  CHECK(pyc::source_from_cache("/a/b/__pycache__/foo." + tag + ".pyc", &err) == "/a/b/foo.py");
  CHECK(pyc::source_from_cache("__pycache__/foo." + tag + ".pyc", &err) == "foo.py");
  CHECK(!pyc::source_from_cache("/a/b/foo." + tag + ".pyc", &err));
  CHECK(err == "__pycache__ not bottom-level directory in '/a/b/foo." + tag + ".pyc'");
  CHECK(!pyc::source_from_cache("/a/__pycache__/foo.pyc", &err));
  CHECK(err == "expected only 2 or 3 dots in 'foo.pyc'");

  pyc::config().prefix = "/tmp/pfx";
  CHECK(pyc::cache_from_source("/a/b/foo.py") == "/tmp/pfx/a/b/foo." + tag + ".pyc");
  CHECK(pyc::source_from_cache("/tmp/pfx/a/b/foo." + tag + ".pyc", &err) == "/a/b/foo.py");
  std::string rel = pyc::cache_from_source("rel/foo.py");
  CHECK(rel == "/tmp/pfx" + fs::current_path().string() + "/rel/foo." + tag + ".pyc");
  pyc::config().prefix.clear();
}

TEST_CASE("cache root for system directories", "[pycache]") {
  std::string tag = pyc::cache_tag();
  pyc::Config saved = pyc::config();
  pyc::config().prefix.clear();
  pyc::config().cache_root = "/home/u/.cache/chaipy";
  pyc::config().system_dirs = {"/usr/lib/python3.11"};
  CHECK(pyc::is_system_dir("/usr/lib/python3.11"));
  CHECK(pyc::is_system_dir("/usr/lib/python3.11/json"));
  CHECK(!pyc::is_system_dir("/usr/lib/python3.111"));
  CHECK(!pyc::is_system_dir("/usr/lib"));
  // Sources the package manager owns: cached under the root, mirroring the absolute path.
  CHECK(pyc::cache_from_source("/usr/lib/python3.11/os.py") == "/home/u/.cache/chaipy/usr/lib/python3.11/os." + tag + ".pyc");
  CHECK(pyc::cache_from_source("/usr/lib/python3.11/json/__init__.py") ==
        "/home/u/.cache/chaipy/usr/lib/python3.11/json/__init__." + tag + ".pyc");
  std::string err;
  CHECK(pyc::source_from_cache("/home/u/.cache/chaipy/usr/lib/python3.11/os." + tag + ".pyc", &err) ==
        "/usr/lib/python3.11/os.py");
  // Everything else keeps its __pycache__.
  CHECK(pyc::cache_from_source("/home/u/proj/m.py") == "/home/u/proj/__pycache__/m." + tag + ".pyc");
  CHECK(pyc::source_from_cache("/home/u/proj/__pycache__/m." + tag + ".pyc", &err) == "/home/u/proj/m.py");
  // An explicit pycache_prefix wins for every source.
  pyc::config().prefix = "/tmp/pfx";
  CHECK(pyc::cache_from_source("/usr/lib/python3.11/os.py") == "/tmp/pfx/usr/lib/python3.11/os." + tag + ".pyc");
  pyc::config() = saved;
}

TEST_CASE("default cache root", "[pycache]") {
  std::string xdg = std::getenv("XDG_CACHE_HOME") ? std::getenv("XDG_CACHE_HOME") : "";
  std::string home = std::getenv("HOME") ? std::getenv("HOME") : "";
  ::setenv("XDG_CACHE_HOME", "/x/cache", 1);
  ::setenv("HOME", "/h", 1);
  CHECK(pyc::default_cache_root() == "/x/cache/chaipy");
  ::setenv("XDG_CACHE_HOME", "relative", 1);  // the XDG spec ignores relative paths
  CHECK(pyc::default_cache_root() == "/h/.cache/chaipy");
  ::unsetenv("XDG_CACHE_HOME");
  CHECK(pyc::default_cache_root() == "/h/.cache/chaipy");
  if (xdg.empty()) ::unsetenv("XDG_CACHE_HOME"); else ::setenv("XDG_CACHE_HOME", xdg.c_str(), 1);
  if (home.empty()) ::unsetenv("HOME"); else ::setenv("HOME", home.c_str(), 1);
}

TEST_CASE("atomic writes", "[pycache]") {
  fs::path d = temp_dir("atomic");
  std::string p = (d / "sub" / "deeper" / "x.pyc").string();
  REQUIRE(pyc::write_atomic(p, "hello"));
  std::string back;
  REQUIRE(pyc::read_whole_file(p, &back));
  CHECK(back == "hello");
  REQUIRE(pyc::write_atomic(p, "bye"));
  REQUIRE(pyc::read_whole_file(p, &back));
  CHECK(back == "bye");
  // The directory path is a file: mkdir fails, nothing is written, no exception.
  { std::ofstream(d / "blocker") << "x"; }
  std::string why;
  CHECK(!pyc::write_atomic((d / "blocker" / "x.pyc").string(), "data", &why));
  CHECK(!why.empty());
  // No temp files left behind.
  for (auto& e : fs::recursive_directory_iterator(d)) CHECK(e.path().extension() != ".tmp");
  fs::remove_all(d);
}

TEST_CASE("nested lying counts stay linear in the input", "[pycache]") {
  // 150 nested tuples, each claiming as many items as there are bytes left: a reader that sized
  // vectors from the counts would try to allocate terabytes.
  std::string body = "c";
  for (int i = 0; i < 7; i++) body.append("\0\0\0\0", 4);
  for (int i = 0; i < 3; i++) body.append("\0\0\0\0", 4);
  body.append("\x01\0\0\0", 4);                       // one instruction
  body.append("\0\0\0\0", 4);
  body.append("\x01\0\0\0\0", 5);                     // one position (same as previous)
  std::string nest;
  for (int i = 0; i < 150; i++) nest.append("(\x40\x42\x0f\x00", 5);  // a tuple of 1,000,000 items
  body.append("\x01\0\0\0", 4);                       // one const: the nested tuple
  body += nest;
  body.append(1000000, 'Z');                           // enough bytes for every claim; bad tag
  auto r = pyc::marshal_load(sealed(body));
  CHECK(!r.code);
}

// The issue-14 cases: code objects with a valid layout whose operands name the wrong kind of
// thing. Each must be refused by the validator (and so by marshal_load) — never run.
TEST_CASE("validator checks operands against their code object", "[pycache]") {
  auto module = compile_ok(
      "def outer(a):\n"
      "    def inner():\n"
      "        return a\n"
      "    return inner\n"
      "class K:\n"
      "    x: int = 1\n"
      "    def m(self):\n"
      "        return __class__\n"
      "print(outer(1)(), [y for y in range(3)], f'{1}{2}')\n");
  REQUIRE(pyc::validate_code_tree(*module) == "");
  auto nested = [](const CodeUnit& c, const std::string& name) -> const CodeUnit* {
    for (const Const& k : c.consts)
      if (k.kind == Const::Kind::Code && k.code->name == name) return k.code.get();
    return nullptr;
  };
  const CodeUnit* outer = nested(*module, "outer");
  REQUIRE(outer);
  auto rejects = [](CodeUnit c) {
    CHECK(pyc::validate_code(c) != "");
    CHECK(!pyc::marshal_load(pyc::marshal_dump(c)).code);
  };
  auto find = [](const CodeUnit& c, Op op) {
    for (size_t i = 0; i < c.code.size(); i++)
      if (insn_op(c.code[i]) == op) return i;
    return c.code.size();
  };
  SECTION("a code constant replaced by an int") {
    CodeUnit c = *module;
    for (Const& k : c.consts)
      if (k.kind == Const::Kind::Code && k.code->name == "outer") k = Const::integer(7);
    rejects(c);
  }
  SECTION("MAKE_CELL naming a slot that is not a cell") {
    CodeUnit c = *outer;
    size_t i = find(c, Op::MAKE_CELL);
    REQUIRE(i < c.code.size());
    for (uint32_t s = 0; s < c.localsplus_kinds.size(); s++)
      if (!(c.localsplus_kinds[s] & kCell)) c.code[i] = make_insn(Op::MAKE_CELL, s);
    if (!(c.localsplus_kinds[insn_arg(c.code[i])] & kCell)) rejects(c);
  }
  SECTION("LOAD_CLASSDEREF and SETUP_ANNOTATIONS inside a function") {
    CodeUnit c = *outer;
    size_t i = find(c, Op::LOAD_DEREF);
    if (i < c.code.size()) {
      CodeUnit d = c;
      d.code[i] = make_insn(Op::LOAD_CLASSDEREF, insn_arg(d.code[i]));
      rejects(d);
    }
    size_t n = find(c, Op::NOP);
    if (n < c.code.size()) {
      c.code[n] = make_insn(Op::SETUP_ANNOTATIONS, 0);
      rejects(c);
    }
  }
  SECTION("MAKE_FUNCTION without its closure, or with a wrong one") {
    CodeUnit c = *outer;
    size_t i = find(c, Op::MAKE_FUNCTION);
    REQUIRE(i < c.code.size());
    CodeUnit d = c;
    d.code[i] = make_insn(Op::MAKE_FUNCTION, insn_arg(d.code[i]) & ~8u);
    rejects(d);
    CodeUnit e = c;
    REQUIRE(insn_op(e.code[i - 2]) == Op::BUILD_TUPLE);
    e.code[i - 2] = make_insn(Op::BUILD_TUPLE, insn_arg(e.code[i - 2]) + 1);
    rejects(e);
  }
  SECTION("a cell slot without its MAKE_CELL, made twice, or made after the prologue") {
    CodeUnit c = *outer;
    size_t i = find(c, Op::MAKE_CELL);
    REQUIRE(i < c.code.size());
    CodeUnit missing = c;
    missing.code[i] = make_insn(Op::NOP, 0);
    rejects(missing);
    CHECK_THAT(pyc::validate_code(missing), Catch::Contains("without MAKE_CELL"));
    CodeUnit twice = c;
    twice.code.insert(twice.code.begin() + long(i), twice.code[i]);
    twice.positions.insert(twice.positions.begin() + long(i), twice.positions[i]);
    CHECK_THAT(pyc::validate_code(twice), Catch::Contains("MAKE_CELL twice"));
    CodeUnit late = c;  // a MAKE_CELL after the first real instruction
    late.code.insert(late.code.end() - 1, late.code[i]);
    late.positions.insert(late.positions.end() - 1, late.positions[i]);
    CHECK_THAT(pyc::validate_code(late), Catch::Contains("after the prologue"));
  }
  SECTION("free variables that are not the last slots, or never copied") {
    const CodeUnit* inner = nested(*outer, "inner");
    REQUIRE(inner);
    CodeUnit c = *inner;
    REQUIRE(c.nfree() == 1);
    size_t i = find(c, Op::COPY_FREE_VARS);
    REQUIRE(i < c.code.size());
    CodeUnit uncopied = c;
    uncopied.code[i] = make_insn(Op::NOP, 0);
    rejects(uncopied);
    CHECK_THAT(pyc::validate_code(uncopied), Catch::Contains("without COPY_FREE_VARS"));
    CodeUnit moved = c;  // a local after the free slot
    moved.localsplus_names.push_back(moved.localsplus_names.front());
    moved.localsplus_kinds.push_back(kLocal);
    CHECK_THAT(pyc::validate_code(moved), Catch::Contains("free variables are not the last slots"));
    CodeUnit fast = c;  // the free slot read as a plain local: its cell would be the value
    size_t d = find(fast, Op::LOAD_DEREF);
    REQUIRE(d < fast.code.size());
    fast.code[d] = make_insn(Op::LOAD_FAST, insn_arg(fast.code[d]));
    CHECK_THAT(pyc::validate_code(fast), Catch::Contains("fast access to a cell or free slot"));
  }
  SECTION("counts the VM reads only as CPython's values") {
    CodeUnit c = *module;
    size_t i = find(c, Op::POP_TOP);
    REQUIRE(i < c.code.size());
    const std::pair<Op, uint32_t> bad[] = {{Op::BUILD_SLICE, 0}, {Op::BUILD_SLICE, 1}, {Op::COPY, 0},
                                           {Op::SWAP, 0},        {Op::RAISE_VARARGS, 3}, {Op::CALL_FUNCTION_EX, 2}};
    for (auto [op, arg] : bad) {
      CodeUnit d = c;
      d.code[i] = make_insn(op, arg);
      INFO(kOpInfo[int(op)].name << " " << arg << ": " << pyc::validate_code(d));
      CHECK_THAT(pyc::validate_code(d), Catch::Contains(std::string(kOpInfo[int(op)].name).substr(0, 4)));
    }
  }
  SECTION("COPY_FREE_VARS count differing from the free variables") {
    const CodeUnit* inner = nested(*outer, "inner");
    REQUIRE(inner);
    CodeUnit c = *inner;
    size_t i = find(c, Op::COPY_FREE_VARS);
    REQUIRE(i < c.code.size());
    c.code[i] = make_insn(Op::COPY_FREE_VARS, insn_arg(c.code[i]) + 1);
    rejects(c);
  }
}
