// unicode/ucd_db.h — the record layouts of the generated tables (unicode/gen_ucd.py writes
// ucd_tables.h/.cpp in the build tree against these); private to unicode/*.cpp.
//
// Every per-code-point table is two-level: kXIndex2[(kXIndex1[cp >> kXShift] << kXShift) +
// (cp & ((1 << kXShift) - 1))]. Encodings:
//   TypeRecord.mapping[k] (lower, upper, title, fold): without kFlagExtendedCase a delta to add to
//     the code point (fold = lower); with it, (index into kExtendedCase) | (count << 24).
//   DbRecord.quick_check: two bits each for NFD, NFKD, NFC, NFKC (0 yes, 1 maybe, 2 no).
//   kDecompData[i] (i from the kDecomp trie, 0 = none): prefix index | count << 8, then the code points.
//   kNamePhrases: word ids (< 0x80: one byte; else (0x80 | id >> 8, id & 0xFF)), ended by 0xFF.
#pragma once
#include <cstdint>

namespace chaipy::unicode::db {

struct TypeRecord {
  uint32_t flags;
  int32_t mapping[4];  // lower, upper, title, fold
  uint8_t decimal, digit;
  uint16_t numeric;    // index into kNumericValues (0: none)
};

struct DbRecord {
  uint8_t category, combining, bidirectional, mirrored, east_asian_width, quick_check;
};

enum MappingKind { kLower = 0, kUpper = 1, kTitle = 2, kFold = 3 };

// One lookup in a two-level table; 0 beyond U+10FFFF.
template <class I1, class I2>
inline uint32_t trie(const I1* index1, const I2* index2, int shift, uint32_t cp) {
  if (cp > 0x10FFFF) return 0;
  return index2[(uint32_t(index1[cp >> shift]) << shift) + (cp & ((1u << shift) - 1))];
}

}  // namespace chaipy::unicode::db
