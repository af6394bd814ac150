// pycache/marshal.h — serialises a CodeUnit to bytes and back (the body of a .pyc file).
//
// The format is type-tagged and versioned (docs/pyc-format.md). The reader trusts nothing: every
// count is checked against the bytes that remain, every instruction, jump target, cache index and
// table index against the tables it refers to, and nesting depth is bounded, so a truncated,
// corrupted or foreign buffer yields an error string — never a crash or a huge allocation
// (memory grows linearly with the bytes actually parsed).
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "frontend/code_unit.h"

namespace chaipy::pyc {

// Bumped when the marshal encoding itself changes (the first byte of every body).
constexpr uint8_t kMarshalVersion = 3;
// Body = u8 version, u64 checksum of everything after it, tagged code object.
constexpr size_t kBodyPrefix = 9;
// Deepest nesting of code objects / tuples the reader accepts.
constexpr int kMaxNesting = 200;

// The marshalled form of `code` (version byte + tagged code object).
std::string marshal_dump(const CodeUnit& code);

struct MarshalResult {
  std::shared_ptr<const CodeUnit> code;  // null on error
  std::string error;                     // why the buffer was rejected
};
// Reads a body written by marshal_dump. When `filename` is non-empty it replaces the filename
// recorded in every code object (the source may have moved since the cache was written).
// The checksum turns accidental corruption (bit rot, torn copies) into a clean rejection even
// where the bytes would still form valid-looking bytecode; `verify_checksum = false` exists for
// tests that exercise the structural validator with corrupted bodies.
MarshalResult marshal_load(std::string_view data, const std::string& filename = {}, bool verify_checksum = true);

// The body checksum (64-bit), and recomputing it in place after editing a body (tests).
// A fast 64-bit hash of bytes (FNV-1a words + murmur3 finaliser); `seed` salts it.
uint64_t hash_bytes(std::string_view data, uint64_t seed);
uint64_t body_checksum(std::string_view data);
void marshal_seal(std::string* body);

// Checks the structural invariants the VM relies on (the reader runs it on every code object).
// Returns "" when `code` is well formed, else a description of the first problem found.
std::string validate_code(const CodeUnit& code);
// validate_code on `code` and every code object nested in its constants.
std::string validate_code_tree(const CodeUnit& code);

// Deep structural equality (nested code objects compared by content, not pointer).
bool code_equal(const CodeUnit& a, const CodeUnit& b);

}  // namespace chaipy::pyc
