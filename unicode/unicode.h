// unicode/unicode.h — the Unicode character database: properties, case mappings, normalization
// and names of code points, from tables generated at build time out of Debian's `unicode-data`
// UCD files (unicode/gen_ucd.py). The one place the str methods, _sre, unicodedata, the codecs
// and the lexer ask about a code point; definitions follow CPython's _PyUnicode_* functions.
// Code points are uint32_t; anything above 0x10FFFF is treated as unassigned.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace chaipy::unicode {

inline constexpr uint32_t kMaxCodePoint = 0x10FFFF;
const char* unidata_version();  // the UCD version the tables come from ("15.0.0")

// -- Properties (CPython's str.is* and _sre's character classes) ---------------------------------
bool is_alpha(uint32_t cp);      // L* categories
bool is_decimal(uint32_t cp);    // has a decimal digit value (str.isdecimal, \d)
bool is_digit(uint32_t cp);      // has a digit value (str.isdigit)
bool is_numeric(uint32_t cp);    // has a numeric value (str.isnumeric; includes Unihan numerics)
bool is_alnum(uint32_t cp);      // alpha, decimal, digit or numeric (str.isalnum, \w with '_')
bool is_space(uint32_t cp);      // str.isspace / str.split() / \s: Zs or bidi WS, B, S
bool is_linebreak(uint32_t cp);  // str.splitlines boundaries
bool is_printable(uint32_t cp);  // repr() shows it as is: not C* or Z* (space excepted)
bool is_lower(uint32_t cp);      // Lowercase property
bool is_upper(uint32_t cp);      // Uppercase property
bool is_title(uint32_t cp);      // Lt
bool is_cased(uint32_t cp);
bool is_case_ignorable(uint32_t cp);
bool is_xid_start(uint32_t cp);
bool is_xid_continue(uint32_t cp);
int decimal_value(uint32_t cp);  // -1 if none
int digit_value(uint32_t cp);    // -1 if none
bool numeric_value(uint32_t cp, double* out);  // false if none

// -- Case mappings ---------------------------------------------------------------------------------
// Simple (one code point) mappings, as _sre's IGNORECASE uses them.
uint32_t to_lower(uint32_t cp);
uint32_t to_upper(uint32_t cp);
uint32_t to_title(uint32_t cp);
// Full mappings (SpecialCasing.txt, CaseFolding.txt C+F): write up to 3 code points, return the count.
int to_lower_full(uint32_t cp, uint32_t out[3]);
int to_upper_full(uint32_t cp, uint32_t out[3]);
int to_title_full(uint32_t cp, uint32_t out[3]);
int to_fold_full(uint32_t cp, uint32_t out[3]);

// -- Character database (unicodedata) --------------------------------------------------------------
const char* category(uint32_t cp);          // "Lu", ..., "Cn" when unassigned
const char* bidirectional(uint32_t cp);     // "" when unassigned
int combining(uint32_t cp);                 // canonical combining class
bool mirrored(uint32_t cp);
const char* east_asian_width(uint32_t cp);
std::string decomposition(uint32_t cp);     // "<compat> 0020 0308" form, "" if none
// The Unicode version (as "3.2") a code point was first assigned in; "" when unassigned.
const char* age(uint32_t cp);
bool assigned_in_3_2(uint32_t cp);          // for unicodedata.ucd_3_2_0

enum class NormalForm { kNFC, kNFD, kNFKC, kNFKD };
// Normalizes UTF-8 (generalised: lone surrogates pass through). `v3_2` treats code points assigned
// after Unicode 3.2 as unassigned (ucd_3_2_0, for IDNA).
std::string normalize(NormalForm form, std::string_view utf8, bool v3_2 = false);
bool is_normalized(NormalForm form, std::string_view utf8, bool v3_2 = false);

// -- Names -------------------------------------------------------------------------------------------
// The character's name (algorithmic for Hangul syllables and CJK unified ideographs); false if it
// has none. Aliases are never returned.
bool name(uint32_t cp, std::string* out);
// Looks a name up case-insensitively: names, then aliases; named sequences (several code points)
// only with `sequences` (unicodedata.lookup does, "\N{...}" does not). Appends UTF-8 to *out.
bool lookup(std::string_view name, bool sequences, std::string* out);

}  // namespace chaipy::unicode
