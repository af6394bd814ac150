// tests/unit/test_jit_backend_golden.cpp — golden encodings of both backends, checked on any host:
// asmjit's x86 and a64 assemblers are both part of every build, so each Target generates code for
// a made-up address (never run here) and its bytes are compared with the checked-in objdump
// listings tests/unit/golden/backend/NAME.{x64,a64}.lst (NAME.ir is the trace). On a64 helper,
// object and Trace addresses sit in the literal pool after the code; x64 embeds the Trace* and
// the helpers' addresses in its code, and they are zeroed before comparing. A LINK enters a
// made-up target trace at a fixed address. Rewrite the listings after an intended change
// with CHAIPY_UPDATE_GOLDEN=1 (needs objdump and aarch64-linux-gnu-objdump; scripts/test-a64.sh
// installs binutils-aarch64-linux-gnu). What the code does is tested by test_jit_backend.cpp on
// the host's target (AArch64 under qemu-aarch64).
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "jit/backend/arena.h"
#include "jit/backend/backend.h"
#include "jit/backend/regalloc.h"
#include "jit/helpers.h"
#include "jit/ir.h"

using namespace chaipy;
using namespace chaipy::jit;

namespace {

constexpr uint64_t kBase = 0x40000000, kCommonExit = 0x3FF00000;

std::string golden_dir() { return std::string(CHAIPY_TESTS_UNIT_DIR) + "/golden/backend/"; }

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool is_a64(const Target& target) { return &target == &kTargetA64; }

// The bytes of an objdump listing: x86-64 lines list bytes ("  1c:\t48 8b 43 48 \tmov ..."),
// AArch64 lines one little-endian word ("  1c:\t6dbf27e8 \tstp ...").
std::vector<uint8_t> listed_bytes(const std::string& listing, bool a64) {
  std::vector<uint8_t> bytes;
  static const std::regex word(R"(^\s*[0-9a-f]+:\s+([0-9a-f]{8})\s)");
  static const std::regex byte_list(R"(^\s*[0-9a-f]+:\t((?:[0-9a-f]{2} )+))");
  std::istringstream in(listing);
  for (std::string l; std::getline(in, l);) {
    std::smatch m;
    if (a64 && std::regex_search(l, m, word)) {
      uint32_t w = uint32_t(std::stoul(m[1].str(), nullptr, 16));
      for (int k = 0; k < 4; k++) bytes.push_back(uint8_t(w >> (8 * k)));
    } else if (!a64 && std::regex_search(l, m, byte_list)) {
      std::istringstream hex(m[1].str());
      for (std::string b; hex >> b;) bytes.push_back(uint8_t(std::stoul(b, nullptr, 16)));
    }
  }
  return bytes;
}

std::string objdump(const std::vector<uint8_t>& bytes, bool a64) {
  const std::string bin = "/tmp/chaipy_golden_backend.bin";
  std::ofstream(bin, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
  const std::string cmd = a64 ? "aarch64-linux-gnu-objdump -D -b binary -m aarch64 " + bin
                              : "objdump -D -b binary -m i386:x86-64 -M intel " + bin;
  FILE* p = popen(cmd.c_str(), "r");
  std::string out;
  if (!p) return out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  pclose(p);
  size_t body = out.find("<.data>:\n");
  return body == std::string::npos ? std::string() : out.substr(body + 9);
}

MachineCode generate(const Target& target, Trace& t) {
  std::string error;
  Allocation alloc;
  REQUIRE(allocate_registers(t, target, &alloc, &error));
  MachineCode mc;
  bool ok = target.generate(t, alloc, kBase, kCommonExit, &mc, &error);
  INFO(error);
  REQUIRE(ok);
  return mc;
}

void parse_golden(const std::string& name, Trace* t) {
  std::string error;
  bool ok = ir_parse(read_file(golden_dir() + name + ".ir").c_str(), t, &error);
  INFO(name << ": " << error);
  REQUIRE(ok);
}

}  // namespace

TEST_CASE("backend golden encodings, both targets", "[jit][backend][golden]") {
  const bool update = std::getenv("CHAIPY_UPDATE_GOLDEN") != nullptr;
  for (const Target* target : {&kTargetX64, &kTargetA64}) {
    // int_ops reads the collector's globals: x64 embeds their addresses in the instructions.
    for (const char* name : {"int_loop", "float_loop", "int_ops", "call_link"}) {
      if (!is_a64(*target) && std::string(name) == "int_ops") continue;
      INFO("golden: " << name << "." << target->name);
      Trace t, link_target;
      parse_golden(name, &t);
      link_target.mcode = reinterpret_cast<void*>(kBase + 0x100000);
      link_target.entry_offset = 0x40;
      t.link = &link_target;
      MachineCode mc = generate(*target, t);
      std::vector<uint8_t> code(mc.bytes.begin(), mc.bytes.begin() + mc.code_size);
      std::vector<uint64_t> varying = {uint64_t(&t)};
      for (const auto& h : kHelpers) varying.push_back(uint64_t(h.fn));
      for (size_t k = 0; k + 8 <= code.size(); k++)
        for (uint64_t v : varying)
          if (std::memcmp(code.data() + k, &v, 8) == 0) std::memset(code.data() + k, 0, 8);
      const std::string path = golden_dir() + name + "." + target->name + ".lst";
      if (update) {
        std::string listing = objdump(code, is_a64(*target));
        REQUIRE(!listing.empty());
        std::ofstream(path) << listing;
      }
      CHECK(code == listed_bytes(read_file(path), is_a64(*target)));
    }
  }
}

TEST_CASE("a64 exits: one patchable B per snapshot, right before its stub", "[jit][backend][a64]") {
  Trace t;
  parse_golden("int_loop", &t);
  MachineCode mc = generate(kTargetA64, t);
  REQUIRE(mc.guard_jump.size() == t.snaps.size());
  for (size_t s = 0; s < t.snaps.size(); s++) {
    uint32_t w;
    std::memcpy(&w, mc.bytes.data() + mc.guard_jump[s], 4);
    CHECK((w & 0xFC000000u) == 0x14000000u);  // B imm26
    CHECK(mc.exit_stub[s] == mc.guard_jump[s] + 4);
  }
}

TEST_CASE("patching an exit flushes the instruction cache over exactly the patched bytes", "[jit][backend]") {
  Trace root, side;
  std::string error;
  parse_golden("int_loop", &root);
  REQUIRE(assemble(root, &error));
  parse_golden("int_loop", &side);
  REQUIRE(assemble(side, &error));
  static std::vector<std::pair<const void*, size_t>> flushed;
  flushed.clear();
  CodeArena& arena = CodeArena::get();
  arena.flush_hook = [](const void* at, size_t n) { flushed.emplace_back(at, n); };
  patch_exit(root, 1, side.mcode);
  arena.flush_hook = nullptr;
  REQUIRE(flushed.size() == 1);
  CHECK(flushed[0].first == static_cast<uint8_t*>(root.mcode) + root.guard_jump[1]);
  CHECK(flushed[0].second == 4);  // a rel32 field (x64) or a B instruction (a64)
}
