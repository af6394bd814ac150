// unicode/names.cpp — character names: code point → name (phrases over a word lexicon, Hangul
// syllables and CJK unified ideographs computed) and name → code point(s) through the generated
// hash table, with aliases and named sequences (CPython's unicodedata _getucname / _getcode).
#include <fmt/format.h>

#include "ucd_tables.h"
#include "unicode/unicode.h"
#include "unicode/utf8.h"

namespace chaipy::unicode {

using namespace db;

namespace {

constexpr uint32_t kSBase = 0xAC00, kVCount = 21, kTCount = 28, kSCount = 19 * kVCount * kTCount;
constexpr size_t kNameMax = 256;  // longer names are never found

bool is_unified_ideograph(uint32_t cp) {
  for (size_t i = 0; i + 1 < sizeof(kCjkRanges) / sizeof(kCjkRanges[0]); i += 2)
    if (cp >= kCjkRanges[i] && cp <= kCjkRanges[i + 1]) return true;
  return false;
}

void append_phrase(uint32_t at, std::string* out) {
  bool first = true;
  for (uint32_t b; (b = kNamePhrases[at]) != 0xFF;) {
    uint32_t word = b;
    if (b >= 0x80) {
      word = (b & 0x7F) << 8 | kNamePhrases[at + 1];
      at += 2;
    } else {
      at++;
    }
    if (!first) *out += ' ';
    first = false;
    out->append((const char*)kNameWordChars + kNameWordOffsets[word], kNameWordOffsets[word + 1] - kNameWordOffsets[word]);
  }
}

// FNV-1a over the upper-cased name (ORDER gen_ucd.py name_hash).
uint32_t name_hash(std::string_view name) {
  uint32_t h = 0x811C9DC5;
  for (char c : name) {
    auto u = (unsigned char)c;
    if (u >= 'a' && u <= 'z') u -= 32;
    h = (h ^ u) * 0x01000193;
  }
  return h;
}

bool equals_upper(std::string_view query, std::string_view upper_name) {
  if (query.size() != upper_name.size()) return false;
  for (size_t i = 0; i < query.size(); i++) {
    char c = query[i];
    if (c >= 'a' && c <= 'z') c = char(c - 32);
    if (c != upper_name[i]) return false;
  }
  return true;
}

bool starts_with_nocase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && equals_upper(s.substr(0, prefix.size()), prefix);
}

// The longest of `names` that starts `s` (case-sensitive, as CPython's find_syllable).
template <size_t N>
int find_syllable(std::string_view s, const char* const (&names)[N], size_t* len) {
  int best = -1;
  size_t best_len = 0;
  for (size_t i = 0; i < N; i++) {
    std::string_view n = names[i];
    if ((best >= 0 && n.size() <= best_len) || s.substr(0, n.size()) != n) continue;
    best = int(i);
    best_len = n.size();
  }
  *len = best_len;
  return best;
}

}  // namespace

bool name(uint32_t cp, std::string* out) {
  if (cp >= kSBase && cp < kSBase + kSCount) {
    uint32_t s = cp - kSBase;
    *out = "HANGUL SYLLABLE ";
    *out += kJamoL[s / (kVCount * kTCount)];
    *out += kJamoV[(s % (kVCount * kTCount)) / kTCount];
    *out += kJamoT[s % kTCount];
    return true;
  }
  if (is_unified_ideograph(cp)) {
    *out = fmt::format("CJK UNIFIED IDEOGRAPH-{:X}", cp);
    return true;
  }
  uint32_t at = trie(kNameIndex1, kNameIndex2, kNameShift, cp);
  if (at == 0) return false;
  out->clear();
  append_phrase(at - 1, out);
  return true;
}

bool lookup(std::string_view query, bool sequences, std::string* out) {
  if (query.size() > kNameMax) return false;
  if (starts_with_nocase(query, "HANGUL SYLLABLE ")) {
    std::string_view rest = query.substr(16);
    size_t n;
    int l = find_syllable(rest, kJamoL, &n);
    rest.remove_prefix(n);
    int v = find_syllable(rest, kJamoV, &n);
    rest.remove_prefix(n);
    int t = find_syllable(rest, kJamoT, &n);
    rest.remove_prefix(n);
    if (l < 0 || v < 0 || t < 0 || !rest.empty()) return false;
    utf8_append(*out, kSBase + (uint32_t(l) * kVCount + uint32_t(v)) * kTCount + uint32_t(t));
    return true;
  }
  if (starts_with_nocase(query, "CJK UNIFIED IDEOGRAPH-")) {
    std::string_view hex = query.substr(22);
    if (hex.size() != 4 && hex.size() != 5) return false;
    uint32_t v = 0;
    for (char c : hex) {
      if (c >= '0' && c <= '9') v = v * 16 + uint32_t(c - '0');
      else if (c >= 'A' && c <= 'F') v = v * 16 + uint32_t(c - 'A' + 10);
      else return false;
    }
    if (!is_unified_ideograph(v)) return false;
    utf8_append(*out, v);
    return true;
  }
  constexpr uint32_t mask = sizeof(kNameHash) / sizeof(kNameHash[0]) - 1;
  std::string candidate;
  for (uint32_t i = name_hash(query) & mask; kNameHash[i]; i = (i + 1) & mask) {
    uint32_t v = kNameHash[i] - 1;
    candidate.clear();
    if (v < kAliasBase) {
      append_phrase(trie(kNameIndex1, kNameIndex2, kNameShift, v) - 1, &candidate);
    } else if (v < kSequenceBase) {
      append_phrase(kAliasPhrases[v - kAliasBase], &candidate);
    } else {
      append_phrase(kSequencePhrases[v - kSequenceBase], &candidate);
    }
    if (!equals_upper(query, candidate)) continue;
    if (v < kAliasBase) {
      utf8_append(*out, v);
    } else if (v < kSequenceBase) {
      utf8_append(*out, kAliasCodePoints[v - kAliasBase]);
    } else {
      if (!sequences) return false;
      uint32_t k = v - kSequenceBase;
      for (uint32_t j = kSequenceOffsets[k]; j < kSequenceOffsets[k + 1]; j++) utf8_append(*out, kSequenceData[j]);
    }
    return true;
  }
  return false;
}

}  // namespace chaipy::unicode
