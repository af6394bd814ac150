// unicode/ucd.cpp — character properties, case mappings and database fields over the generated
// two-level tables (CPython's Objects/unicodectype.c and the record part of unicodedata.c).
#include <fmt/format.h>

#include "ucd_tables.h"
#include "unicode/unicode.h"

namespace chaipy::unicode {

using namespace db;

// -- Table access ------------------------------------------------------------------------------------
static inline const TypeRecord& type_record(uint32_t cp) {
  return kTypeRecords[trie(kTypeIndex1, kTypeIndex2, kTypeShift, cp)];
}
static inline const DbRecord& db_record(uint32_t cp) { return kDbRecords[trie(kDbIndex1, kDbIndex2, kDbShift, cp)]; }

const char* unidata_version() { return kVersion; }

// -- Properties ----------------------------------------------------------------------------------------
static inline bool has(uint32_t cp, uint32_t flag) { return (type_record(cp).flags & flag) != 0; }

bool is_alpha(uint32_t cp) { return has(cp, kFlagAlpha); }
bool is_decimal(uint32_t cp) { return has(cp, kFlagDecimal); }
bool is_digit(uint32_t cp) { return has(cp, kFlagDigit); }
bool is_numeric(uint32_t cp) { return has(cp, kFlagNumeric); }
bool is_alnum(uint32_t cp) { return has(cp, kFlagAlpha | kFlagDecimal | kFlagDigit | kFlagNumeric); }
bool is_space(uint32_t cp) { return has(cp, kFlagSpace); }
bool is_linebreak(uint32_t cp) { return has(cp, kFlagLinebreak); }
bool is_printable(uint32_t cp) { return has(cp, kFlagPrintable); }
bool is_lower(uint32_t cp) { return has(cp, kFlagLower); }
bool is_upper(uint32_t cp) { return has(cp, kFlagUpper); }
bool is_title(uint32_t cp) { return has(cp, kFlagTitle); }
bool is_cased(uint32_t cp) { return has(cp, kFlagCased); }
bool is_case_ignorable(uint32_t cp) { return has(cp, kFlagCaseIgnorable); }
bool is_xid_start(uint32_t cp) { return has(cp, kFlagXidStart); }
bool is_xid_continue(uint32_t cp) { return has(cp, kFlagXidContinue); }

int decimal_value(uint32_t cp) {
  const TypeRecord& r = type_record(cp);
  return (r.flags & kFlagDecimal) ? r.decimal : -1;
}
int digit_value(uint32_t cp) {
  const TypeRecord& r = type_record(cp);
  return (r.flags & kFlagDigit) ? r.digit : -1;
}
bool numeric_value(uint32_t cp, double* out) {
  const TypeRecord& r = type_record(cp);
  if (!(r.flags & kFlagNumeric)) return false;
  *out = kNumericValues[r.numeric];
  return true;
}

// -- Case mappings -----------------------------------------------------------------------------------------
static inline uint32_t simple_case(uint32_t cp, MappingKind k) {
  const TypeRecord& r = type_record(cp);
  if (r.flags & kFlagExtendedCase) return kExtendedCase[r.mapping[k] & 0xFFFFFF];
  return uint32_t(int32_t(cp) + r.mapping[k]);
}

static inline int full_case(uint32_t cp, MappingKind k, uint32_t out[3]) {
  const TypeRecord& r = type_record(cp);
  if (!(r.flags & kFlagExtendedCase)) {
    out[0] = uint32_t(int32_t(cp) + r.mapping[k]);
    return 1;
  }
  uint32_t m = uint32_t(r.mapping[k]), at = m & 0xFFFFFF;
  int n = int(m >> 24);
  for (int i = 0; i < n; i++) out[i] = kExtendedCase[at + i];
  return n;
}

uint32_t to_lower(uint32_t cp) { return simple_case(cp, kLower); }
uint32_t to_upper(uint32_t cp) { return simple_case(cp, kUpper); }
uint32_t to_title(uint32_t cp) { return simple_case(cp, kTitle); }
int to_lower_full(uint32_t cp, uint32_t out[3]) { return full_case(cp, kLower, out); }
int to_upper_full(uint32_t cp, uint32_t out[3]) { return full_case(cp, kUpper, out); }
int to_title_full(uint32_t cp, uint32_t out[3]) { return full_case(cp, kTitle, out); }
int to_fold_full(uint32_t cp, uint32_t out[3]) { return full_case(cp, kFold, out); }

// -- Database fields -------------------------------------------------------------------------------------------
const char* category(uint32_t cp) { return kCategoryNames[db_record(cp).category]; }
const char* bidirectional(uint32_t cp) { return kBidiNames[db_record(cp).bidirectional]; }
int combining(uint32_t cp) { return db_record(cp).combining; }
bool mirrored(uint32_t cp) { return db_record(cp).mirrored != 0; }
const char* east_asian_width(uint32_t cp) { return kEastAsianWidthNames[db_record(cp).east_asian_width]; }

std::string decomposition(uint32_t cp) {
  uint32_t at = trie(kDecompIndex1, kDecompIndex2, kDecompShift, cp);
  if (at == 0) return {};
  uint32_t head = kDecompData[at];
  std::string out = kDecompPrefixes[head & 0xFF];
  for (uint32_t i = 0; i < (head >> 8); i++) {
    if (!out.empty()) out += ' ';
    out += fmt::format("{:04X}", kDecompData[at + 1 + i]);
  }
  return out;
}

const char* age(uint32_t cp) { return kAgeNames[trie(kAgeIndex1, kAgeIndex2, kAgeShift, cp)]; }

bool assigned_in_3_2(uint32_t cp) {
  // kAgeNames is sorted by version; index 0 is "unassigned".
  static const uint32_t limit = [] {
    uint32_t i = 1;
    while (i < sizeof(kAgeNames) / sizeof(kAgeNames[0]) && std::string_view(kAgeNames[i]) != "3.2") i++;
    return i;
  }();
  uint32_t a = trie(kAgeIndex1, kAgeIndex2, kAgeShift, cp);
  return a != 0 && a <= limit;
}

}  // namespace chaipy::unicode
