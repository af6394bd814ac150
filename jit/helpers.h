// jit/helpers.h — the table of C++ helpers traces call (declared in jit/helpers.def).
#pragma once
#include <cstdint>

namespace chaipy::jit {

enum class Helper : uint8_t {
#define HELPER(name, result, args, doc) name,
#include "jit/helpers.def"
#undef HELPER
  kCount
};

struct HelperInfo {
  const char* name;
  void* fn;
  char result;       // 'I' 'D' 'P' 'V' or 0 (void)
  const char* args;  // one letter per argument
};
extern const HelperInfo kHelpers[int(Helper::kCount)];

}  // namespace chaipy::jit
