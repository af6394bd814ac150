// jit/jit.cpp — JIT parameters (from params.def) and the interpreter hook installation.
// The tracing JIT itself (recorder, IR, optimizer, backends) lands with its own issue; today
// the interpreter counts back-edges per loop and calls the hook, which records nothing yet.
#include "jit/jit.h"

#include <cstdlib>
#include <sstream>

#include "interp/vm.h"

namespace chaipy::jit {

namespace {
struct Params {
#define JIT_PARAM(name, def, doc) long name = def;
#include "jit/params.def"
#undef JIT_PARAM
} g_params;
}  // namespace

bool configure(const std::string& spec, std::string* error) {
  if (spec == "off") {
    g_jit.enabled = false;
    return true;
  }
  if (spec == "on") {
    g_jit.enabled = true;
    return true;
  }
  std::stringstream ss(spec);
  std::string item;
  while (std::getline(ss, item, ',')) {
    size_t eq = item.find('=');
    std::string key = item.substr(0, eq);
    if (eq == std::string::npos) {
      *error = "--jit: expected key=value, got '" + item + "'";
      return false;
    }
    char* end = nullptr;
    long v = std::strtol(item.c_str() + eq + 1, &end, 10);
    if (!end || *end || eq + 1 == item.size() || v < 0) {
      *error = "--jit: bad value for '" + key + "'";
      return false;
    }
    bool known = false;
#define JIT_PARAM(name, def, doc) \
  if (key == #name) {             \
    g_params.name = v;            \
    known = true;                 \
  }
#include "jit/params.def"
#undef JIT_PARAM
    if (!known) {
      *error = "--jit: unknown parameter '" + key + "' (see --jit help)";
      return false;
    }
  }
  g_jit.enabled = true;
  return true;
}

std::string help_text() {
  std::string s = "JIT parameters (--jit key=value,...; --jit off / --jit on):\n";
  char buf[256];
#define JIT_PARAM(name, def, doc)                                        \
  snprintf(buf, sizeof buf, "  %-10s default %-6ld %s\n", #name, long(def), doc); \
  s += buf;
#include "jit/params.def"
#undef JIT_PARAM
  return s;
}

void install() {
  g_jit.threshold = uint32_t(g_params.threshold ? g_params.threshold : 1);
  g_jit.loop_hot = nullptr;  // recorder not built yet: counting only
}

}  // namespace chaipy::jit
