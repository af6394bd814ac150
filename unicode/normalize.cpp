// unicode/normalize.cpp — the normalization forms NFC, NFD, NFKC and NFKD (UAX #15): full
// decomposition (Hangul algorithmically), canonical ordering, canonical composition, and the
// quick-check properties for is_normalized and the already-normalized fast path.
#include <algorithm>
#include <vector>

#include "ucd_tables.h"
#include "unicode/unicode.h"
#include "unicode/utf8.h"

namespace chaipy::unicode {

using namespace db;

namespace {

// Hangul syllable arithmetic (Unicode 3.12).
constexpr uint32_t kSBase = 0xAC00, kLBase = 0x1100, kVBase = 0x1161, kTBase = 0x11A7;
constexpr uint32_t kLCount = 19, kVCount = 21, kTCount = 28, kNCount = kVCount * kTCount,
                   kSCount = kLCount * kNCount;

const DbRecord& record(uint32_t cp) { return kDbRecords[trie(kDbIndex1, kDbIndex2, kDbShift, cp)]; }

bool compat(NormalForm f) { return f == NormalForm::kNFKC || f == NormalForm::kNFKD; }
bool composed(NormalForm f) { return f == NormalForm::kNFC || f == NormalForm::kNFKC; }

void decompose(uint32_t cp, bool k, bool v3_2, std::vector<uint32_t>& out) {
  if (cp >= kSBase && cp < kSBase + kSCount) {
    uint32_t s = cp - kSBase;
    out.push_back(kLBase + s / kNCount);
    out.push_back(kVBase + (s % kNCount) / kTCount);
    if (s % kTCount) out.push_back(kTBase + s % kTCount);
    return;
  }
  uint32_t at = trie(kDecompIndex1, kDecompIndex2, kDecompShift, cp);
  if (at == 0 || (!k && (kDecompData[at] & 0xFF) != 0) || (v3_2 && !assigned_in_3_2(cp))) {
    out.push_back(cp);
    return;
  }
  uint32_t n = kDecompData[at] >> 8;
  for (uint32_t i = 0; i < n; i++) decompose(kDecompData[at + 1 + i], k, v3_2, out);
}

// Canonical ordering: a stable sort by combining class of every run of non-starters.
void reorder(std::vector<uint32_t>& cps) {
  size_t n = cps.size();
  for (size_t i = 0; i < n;) {
    if (record(cps[i]).combining == 0) { i++; continue; }
    size_t j = i;
    while (j < n && record(cps[j]).combining != 0) j++;
    if (j - i > 1)
      std::stable_sort(cps.begin() + long(i), cps.begin() + long(j),
                       [](uint32_t a, uint32_t b) { return record(a).combining < record(b).combining; });
    i = j;
  }
}

// The primary composite of a + b, or 0.
uint32_t compose_pair(uint32_t a, uint32_t b) {
  if (a >= kLBase && a < kLBase + kLCount && b >= kVBase && b < kVBase + kVCount)
    return kSBase + ((a - kLBase) * kVCount + (b - kVBase)) * kTCount;
  if (a >= kSBase && a < kSBase + kSCount && (a - kSBase) % kTCount == 0 && b > kTBase && b < kTBase + kTCount)
    return a + (b - kTBase);
  uint64_t key = uint64_t(a) << 21 | b;
  const uint64_t* end = kCompositionKeys + sizeof(kCompositionKeys) / sizeof(kCompositionKeys[0]);
  const uint64_t* it = std::lower_bound(kCompositionKeys, end, key);
  return (it != end && *it == key) ? kCompositionValues[it - kCompositionKeys] : 0;
}

void compose(std::vector<uint32_t>& cps) {
  size_t out = 0;
  long starter = -1;
  int last_ccc = 0;
  for (size_t i = 0; i < cps.size(); i++) {
    uint32_t cp = cps[i];
    int ccc = record(cp).combining;
    if (starter >= 0) {
      bool adjacent = out == size_t(starter) + 1;
      if (adjacent || (last_ccc != 0 && last_ccc < ccc)) {
        if (uint32_t c = compose_pair(cps[size_t(starter)], cp)) {
          cps[size_t(starter)] = c;
          continue;
        }
      }
    }
    if (ccc == 0) starter = long(out);
    last_ccc = ccc;
    cps[out++] = cp;
  }
  cps.resize(out);
}

enum QuickCheck { kYes, kMaybe, kNo };

QuickCheck quick_check(NormalForm form, std::string_view s, bool v3_2) {
  if (v3_2) return kMaybe;  // the quick-check properties are those of the current version
  int shift = (composed(form) ? 4 : 0) + (compat(form) ? 2 : 0);
  QuickCheck result = kYes;
  int prev_ccc = 0;
  for (size_t i = 0; i < s.size();) {
    int len;
    uint32_t cp = utf8_decode(s.data() + i, &len);
    i += size_t(len);
    const DbRecord& r = record(cp);
    if (r.combining && prev_ccc > r.combining) return kNo;
    prev_ccc = r.combining;
    int qc = (r.quick_check >> shift) & 3;
    if (qc == 2) return kNo;
    if (qc == 1) result = kMaybe;
  }
  return result;
}

bool all_ascii(std::string_view s) {
  for (char c : s)
    if ((unsigned char)c >= 0x80) return false;
  return true;
}

}  // namespace

std::string normalize(NormalForm form, std::string_view utf8, bool v3_2) {
  if (all_ascii(utf8) || quick_check(form, utf8, v3_2) == kYes) return std::string(utf8);
  std::vector<uint32_t> cps;
  cps.reserve(utf8.size());
  for (size_t i = 0; i < utf8.size();) {
    int len;
    uint32_t cp = utf8_decode(utf8.data() + i, &len);
    i += size_t(len);
    decompose(cp, compat(form), v3_2, cps);
  }
  reorder(cps);
  if (composed(form)) compose(cps);
  std::string out;
  out.reserve(cps.size() * 2);
  for (uint32_t cp : cps) utf8_append(out, cp);
  return out;
}

bool is_normalized(NormalForm form, std::string_view utf8, bool v3_2) {
  if (all_ascii(utf8)) return true;
  QuickCheck qc = quick_check(form, utf8, v3_2);
  if (qc != kMaybe) return qc == kYes;
  return normalize(form, utf8, v3_2) == utf8;
}

}  // namespace chaipy::unicode
