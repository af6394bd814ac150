// tests/unit/test_jit_backend_a64.cpp — golden encodings of the AArch64 backend, checked on any
// host: asmjit's a64 assembler is part of every build, so kTargetA64 generates code for a
// made-up address (never run here) and its instruction words are compared with the checked-in
// objdump listings tests/unit/golden/a64/NAME.lst (NAME.ir is the trace). Helper, object and
// Trace addresses sit in the literal pool after the code, so the instructions do not depend on
// them. Rewrite the listings after an intended change with CHAIPY_UPDATE_GOLDEN=1 (needs
// aarch64-linux-gnu-objdump, from binutils-aarch64-linux-gnu; scripts/test-a64.sh installs it).
// The behaviour of the a64 code is tested by test_jit_backend.cpp run under qemu-aarch64.
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
#include "jit/ir.h"

using namespace chaipy;
using namespace chaipy::jit;

namespace {

constexpr uint64_t kBase = 0x40000000, kCommonExit = 0x3FF00000;

std::string golden_dir() { return std::string(CHAIPY_TESTS_UNIT_DIR) + "/golden/a64/"; }

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The instruction words of an objdump listing ("  1c:\t6dbf27e8 \tstp\td8, d9, [sp, #-16]!").
std::vector<uint32_t> listed_words(const std::string& listing) {
  std::vector<uint32_t> words;
  static const std::regex line(R"(^\s*[0-9a-f]+:\s+([0-9a-f]{8})\s)");
  std::istringstream in(listing);
  for (std::string l; std::getline(in, l);) {
    std::smatch m;
    if (std::regex_search(l, m, line)) words.push_back(uint32_t(std::stoul(m[1].str(), nullptr, 16)));
  }
  return words;
}

std::string objdump(const std::vector<uint8_t>& bytes) {
  const std::string bin = "/tmp/chaipy_golden_a64.bin";
  std::ofstream(bin, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
  FILE* p = popen(("aarch64-linux-gnu-objdump -D -b binary -m aarch64 " + bin).c_str(), "r");
  std::string out;
  if (!p) return out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  pclose(p);
  size_t body = out.find("<.data>:\n");
  return body == std::string::npos ? std::string() : out.substr(body + 9);
}

MachineCode generate_a64(Trace& t) {
  std::string error;
  Allocation alloc;
  REQUIRE(allocate_registers(t, kTargetA64, &alloc, &error));
  MachineCode mc;
  bool ok = kTargetA64.generate(t, alloc, kBase, kCommonExit, &mc, &error);
  INFO(error);
  REQUIRE(ok);
  return mc;
}

}  // namespace

TEST_CASE("a64 golden encodings", "[jit][backend][a64]") {
  const bool update = std::getenv("CHAIPY_UPDATE_GOLDEN") != nullptr;
  for (const char* name : {"int_loop", "float_loop", "int_ops"}) {
    INFO("golden: " << name);
    Trace t;
    std::string error;
    REQUIRE(ir_parse(read_file(golden_dir() + name + ".ir").c_str(), &t, &error));
    MachineCode mc = generate_a64(t);
    std::vector<uint8_t> code(mc.bytes.begin(), mc.bytes.begin() + mc.code_size);
    if (update) {
      std::string listing = objdump(code);
      REQUIRE(!listing.empty());
      std::ofstream(golden_dir() + name + ".lst") << listing;
    }
    std::vector<uint32_t> want = listed_words(read_file(golden_dir() + name + ".lst"));
    std::vector<uint32_t> got(code.size() / 4);
    std::memcpy(got.data(), code.data(), got.size() * 4);
    CHECK(got == want);
  }
}

TEST_CASE("a64 exits: one patchable B per snapshot, right before its stub", "[jit][backend][a64]") {
  Trace t;
  std::string error;
  REQUIRE(ir_parse(read_file(golden_dir() + "int_loop.ir").c_str(), &t, &error));
  MachineCode mc = generate_a64(t);
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
  REQUIRE(ir_parse(read_file(golden_dir() + "int_loop.ir").c_str(), &root, &error));
  REQUIRE(assemble(root, &error));
  REQUIRE(ir_parse(read_file(golden_dir() + "int_loop.ir").c_str(), &side, &error));
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
