// frontend/code_unit.cpp — structural equality of compile-time constants.
#include "frontend/code_unit.h"

#include <cstring>

namespace chaipy {

bool operator==(const Const& a, const Const& b) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case Const::Kind::Int: return a.i == b.i;
    case Const::Kind::Float: return std::memcmp(&a.f, &b.f, sizeof a.f) == 0;
    case Const::Kind::Complex:
      return std::memcmp(&a.f, &b.f, sizeof a.f) == 0 && std::memcmp(&a.imag, &b.imag, sizeof a.imag) == 0;
    case Const::Kind::BigInt: case Const::Kind::Str: case Const::Kind::Bytes: return a.s == b.s;
    case Const::Kind::Tuple: case Const::Kind::FrozenSet: return a.items == b.items;
    case Const::Kind::Code: return a.code == b.code;
    default: return true;
  }
}

}  // namespace chaipy
