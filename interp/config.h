// interp/config.h — the start-up settings CPython keeps in its PyConfig: what the command line
// (main/) and the PYTHON* environment variables asked for, read by the runtime when it builds
// sys.flags, sys.warnoptions, sys._xoptions and the standard streams.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace chaipy {

struct RuntimeConfig {
  // sys.flags, in its field order.
  int debug = 0, inspect = 0, interactive = 0, optimize = 0, dont_write_bytecode = 0, no_user_site = 0,
      no_site = 0, ignore_environment = 0, verbose = 0, bytes_warning = 0, quiet = 0, isolated = 0;
  bool dev_mode = false;
  int utf8_mode = 0;
  bool safe_path = false;
  int int_max_str_digits = -1;
  // PYTHONHASHSEED: unset or "random" = a random str/bytes hash key; else the seed (0 = no
  // randomisation). sys.flags.hash_randomization = !use_hash_seed || hash_seed != 0.
  bool use_hash_seed = false;
  uint32_t hash_seed = 0;
  bool unbuffered = false;                // -u / PYTHONUNBUFFERED
  // PYTHONIOENCODING=encoding[:errors]: empty = not given (errors is "strict" when only the
  // encoding is given, as CPython's config_init_stdio_encoding).
  std::string io_encoding, io_errors;
  std::vector<std::string> warnoptions;   // PYTHONWARNINGS's entries, then each -W
  std::vector<std::string> xoptions;      // each -X, as given ("name" or "name=value")
};

RuntimeConfig& runtime_config();

// chaipy's identity, in one place: the Python version it implements (`-V` prints "Python 3.11.0"),
// and sys.version ("3.11.0 (chaipy 0.1.0) [GCC 12.2.0]"), which -VV and the prompt's banner show.
constexpr const char* kPythonVersion = "3.11.0";
constexpr const char* kChaipyVersion = "0.1.0";
std::string sys_version();

}  // namespace chaipy
