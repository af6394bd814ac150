// interp/traceback.cpp — printing uncaught exceptions as CPython 3.11 does: traceback entries with
// caret/anchor lines, chained exceptions, SyntaxError locations, notes and "Did you mean" hints.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "frontend/compile.h"
#include "frontend/fold.h"
#include "frontend/parser.h"
#include "interp/vm.h"

namespace chaipy {

namespace {

constexpr int kRecursiveCutoff = 3;   // identical consecutive entries shown before collapsing
constexpr int64_t kDefaultTracebackLimit = 1000;
constexpr size_t kMaxCandidates = 750;  // suggestions: larger namespaces are not searched
constexpr size_t kMaxNameBytes = 40;    // suggestions: longer (after trimming affixes) never match
constexpr size_t kMoveCost = 2, kCaseCost = 1;

bool is_ws(unsigned char c) { return c == ' ' || c == '\t' || c == '\f'; }

// -- Source lines -------------------------------------------------------------------------------------
// The lines of each file, read once per printed exception (universal newlines, newline removed,
// other trailing whitespace kept as CPython's reader keeps it).
class SourceCache {
 public:
  // Line `line` (1-based) of `filename`, or nullopt when unavailable.
  const std::string* line(const std::string& filename, int line) {
    auto it = files_.find(filename);
    if (it == files_.end()) it = files_.emplace(filename, load(filename)).first;
    if (!it->second || line < 1 || size_t(line) > it->second->size()) return nullptr;
    return &(*it->second)[size_t(line) - 1];
  }

 private:
  static bool read_file(const std::string& path, std::string& data) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    if (std::filesystem::is_directory(path)) return false;
    std::ostringstream ss;
    ss << in.rdbuf();
    data = ss.str();
    return true;
  }
  // CPython looks the tail of a relative name up along sys.path when the file itself is missing.
  static bool find_source(const std::string& filename, std::string& data) {
    if (read_file(filename, data)) return true;
    std::string tail = filename;
    if (size_t slash = tail.rfind('/'); slash != std::string::npos) tail = tail.substr(slash + 1);
    Value sys = dict_get_str(g_sys_modules, str_intern("sys"));
    if (sys.is_null()) return false;
    Value path = getattr_opt(sys, str_intern("path"));
    if (path.is_null() || path.is_exc() || !is_list(path)) {
      if (exc_pending()) exc_fetch();
      return false;
    }
    auto* l = path.as<ListObject>();
    for (size_t i = 0; i < l->size; i++) {
      if (!is_str(l->items[i])) continue;
      std::string dir(as_str(l->items[i])->view());
      std::string full = dir.empty() ? tail : dir + "/" + tail;
      if (read_file(full, data)) return true;
    }
    return false;
  }
  static std::optional<std::vector<std::string>> load(const std::string& filename) {
    // Names like <string> or <stdin> are not files.
    if (filename.empty() || (filename.front() == '<' && filename.back() == '>')) return std::nullopt;
    std::string data;
    if (!find_source(filename, data)) return std::nullopt;
    if (data.compare(0, 3, "\xEF\xBB\xBF") == 0) data.erase(0, 3);
    std::vector<std::string> lines;
    std::string cur;
    for (size_t i = 0; i < data.size(); i++) {
      char c = data[i];
      if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < data.size() && data[i + 1] == '\n') i++;
        lines.push_back(std::move(cur));
        cur.clear();
      } else {
        cur += c;
      }
    }
    if (!cur.empty()) lines.push_back(std::move(cur));
    return lines;
  }
  std::map<std::string, std::optional<std::vector<std::string>>> files_;
};

bool valid_utf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = s[i];
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (size_t k = 1; k < n; k++)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += n;
  }
  return true;
}

// Characters in the first `col` bytes of `s`, the way CPython converts AST byte offsets: the
// offset is clipped to one past the end (counting the terminating NUL as a character) and a
// partial multi-byte sequence at the cut counts as one character.
int64_t char_offset(std::string_view s, int64_t col) {
  if (col > int64_t(s.size()) + 1) col = int64_t(s.size()) + 1;
  int64_t n = 0;
  for (int64_t i = 0; i < col; i++) {
    unsigned char c = i < int64_t(s.size()) ? static_cast<unsigned char>(s[size_t(i)]) : 0;
    if ((c & 0xC0) != 0x80) n++;
  }
  return n;
}
int64_t char_length(std::string_view s) { return char_offset(s, int64_t(s.size())); }

// Byte index of character `k` of `s` (clamped to the end).
size_t byte_index(std::string_view s, int64_t k) {
  size_t i = 0;
  for (int64_t seen = 0; i < s.size(); i++) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (seen == k) return i;
      seen++;
    }
  }
  return s.size();
}

// -- Display widths -----------------------------------------------------------------------------------
// Code point ranges whose East Asian Width is W or F (Unicode 14.0.0, as CPython 3.11's unicodedata),
// generated from the oracle; a traceback counts them as two columns.
constexpr std::pair<uint32_t, uint32_t> kWideRanges[] = {
    {0x378, 0x379}, {0x380, 0x383}, {0x38B, 0x38B}, {0x38D, 0x38D}, {0x3A2, 0x3A2}, {0x530, 0x530},
    {0x557, 0x558}, {0x58B, 0x58C}, {0x590, 0x590}, {0x5C8, 0x5CF}, {0x5EB, 0x5EE}, {0x5F5, 0x5FF},
    {0x70E, 0x70E}, {0x74B, 0x74C}, {0x7B2, 0x7BF}, {0x7FB, 0x7FC}, {0x82E, 0x82F}, {0x83F, 0x83F},
    {0x85C, 0x85D}, {0x85F, 0x85F}, {0x86B, 0x86F}, {0x88F, 0x88F}, {0x892, 0x897}, {0x984, 0x984},
    {0x98D, 0x98E}, {0x991, 0x992}, {0x9A9, 0x9A9}, {0x9B1, 0x9B1}, {0x9B3, 0x9B5}, {0x9BA, 0x9BB},
    {0x9C5, 0x9C6}, {0x9C9, 0x9CA}, {0x9CF, 0x9D6}, {0x9D8, 0x9DB}, {0x9DE, 0x9DE}, {0x9E4, 0x9E5},
    {0x9FF, 0xA00}, {0xA04, 0xA04}, {0xA0B, 0xA0E}, {0xA11, 0xA12}, {0xA29, 0xA29}, {0xA31, 0xA31},
    {0xA34, 0xA34}, {0xA37, 0xA37}, {0xA3A, 0xA3B}, {0xA3D, 0xA3D}, {0xA43, 0xA46}, {0xA49, 0xA4A},
    {0xA4E, 0xA50}, {0xA52, 0xA58}, {0xA5D, 0xA5D}, {0xA5F, 0xA65}, {0xA77, 0xA80}, {0xA84, 0xA84},
    {0xA8E, 0xA8E}, {0xA92, 0xA92}, {0xAA9, 0xAA9}, {0xAB1, 0xAB1}, {0xAB4, 0xAB4}, {0xABA, 0xABB},
    {0xAC6, 0xAC6}, {0xACA, 0xACA}, {0xACE, 0xACF}, {0xAD1, 0xADF}, {0xAE4, 0xAE5}, {0xAF2, 0xAF8},
    {0xB00, 0xB00}, {0xB04, 0xB04}, {0xB0D, 0xB0E}, {0xB11, 0xB12}, {0xB29, 0xB29}, {0xB31, 0xB31},
    {0xB34, 0xB34}, {0xB3A, 0xB3B}, {0xB45, 0xB46}, {0xB49, 0xB4A}, {0xB4E, 0xB54}, {0xB58, 0xB5B},
    {0xB5E, 0xB5E}, {0xB64, 0xB65}, {0xB78, 0xB81}, {0xB84, 0xB84}, {0xB8B, 0xB8D}, {0xB91, 0xB91},
    {0xB96, 0xB98}, {0xB9B, 0xB9B}, {0xB9D, 0xB9D}, {0xBA0, 0xBA2}, {0xBA5, 0xBA7}, {0xBAB, 0xBAD},
    {0xBBA, 0xBBD}, {0xBC3, 0xBC5}, {0xBC9, 0xBC9}, {0xBCE, 0xBCF}, {0xBD1, 0xBD6}, {0xBD8, 0xBE5},
    {0xBFB, 0xBFF}, {0xC0D, 0xC0D}, {0xC11, 0xC11}, {0xC29, 0xC29}, {0xC3A, 0xC3B}, {0xC45, 0xC45},
    {0xC49, 0xC49}, {0xC4E, 0xC54}, {0xC57, 0xC57}, {0xC5B, 0xC5C}, {0xC5E, 0xC5F}, {0xC64, 0xC65},
    {0xC70, 0xC76}, {0xC8D, 0xC8D}, {0xC91, 0xC91}, {0xCA9, 0xCA9}, {0xCB4, 0xCB4}, {0xCBA, 0xCBB},
    {0xCC5, 0xCC5}, {0xCC9, 0xCC9}, {0xCCE, 0xCD4}, {0xCD7, 0xCDC}, {0xCDF, 0xCDF}, {0xCE4, 0xCE5},
    {0xCF0, 0xCF0}, {0xCF3, 0xCFF}, {0xD0D, 0xD0D}, {0xD11, 0xD11}, {0xD45, 0xD45}, {0xD49, 0xD49},
    {0xD50, 0xD53}, {0xD64, 0xD65}, {0xD80, 0xD80}, {0xD84, 0xD84}, {0xD97, 0xD99}, {0xDB2, 0xDB2},
    {0xDBC, 0xDBC}, {0xDBE, 0xDBF}, {0xDC7, 0xDC9}, {0xDCB, 0xDCE}, {0xDD5, 0xDD5}, {0xDD7, 0xDD7},
    {0xDE0, 0xDE5}, {0xDF0, 0xDF1}, {0xDF5, 0xE00}, {0xE3B, 0xE3E}, {0xE5C, 0xE80}, {0xE83, 0xE83},
    {0xE85, 0xE85}, {0xE8B, 0xE8B}, {0xEA4, 0xEA4}, {0xEA6, 0xEA6}, {0xEBE, 0xEBF}, {0xEC5, 0xEC5},
    {0xEC7, 0xEC7}, {0xECE, 0xECF}, {0xEDA, 0xEDB}, {0xEE0, 0xEFF}, {0xF48, 0xF48}, {0xF6D, 0xF70},
    {0xF98, 0xF98}, {0xFBD, 0xFBD}, {0xFCD, 0xFCD}, {0xFDB, 0xFFF}, {0x10C6, 0x10C6}, {0x10C8, 0x10CC},
    {0x10CE, 0x10CF}, {0x1100, 0x115F}, {0x1249, 0x1249}, {0x124E, 0x124F}, {0x1257, 0x1257},
    {0x1259, 0x1259}, {0x125E, 0x125F}, {0x1289, 0x1289}, {0x128E, 0x128F}, {0x12B1, 0x12B1},
    {0x12B6, 0x12B7}, {0x12BF, 0x12BF}, {0x12C1, 0x12C1}, {0x12C6, 0x12C7}, {0x12D7, 0x12D7},
    {0x1311, 0x1311}, {0x1316, 0x1317}, {0x135B, 0x135C}, {0x137D, 0x137F}, {0x139A, 0x139F},
    {0x13F6, 0x13F7}, {0x13FE, 0x13FF}, {0x169D, 0x169F}, {0x16F9, 0x16FF}, {0x1716, 0x171E},
    {0x1737, 0x173F}, {0x1754, 0x175F}, {0x176D, 0x176D}, {0x1771, 0x1771}, {0x1774, 0x177F},
    {0x17DE, 0x17DF}, {0x17EA, 0x17EF}, {0x17FA, 0x17FF}, {0x181A, 0x181F}, {0x1879, 0x187F},
    {0x18AB, 0x18AF}, {0x18F6, 0x18FF}, {0x191F, 0x191F}, {0x192C, 0x192F}, {0x193C, 0x193F},
    {0x1941, 0x1943}, {0x196E, 0x196F}, {0x1975, 0x197F}, {0x19AC, 0x19AF}, {0x19CA, 0x19CF},
    {0x19DB, 0x19DD}, {0x1A1C, 0x1A1D}, {0x1A5F, 0x1A5F}, {0x1A7D, 0x1A7E}, {0x1A8A, 0x1A8F},
    {0x1A9A, 0x1A9F}, {0x1AAE, 0x1AAF}, {0x1ACF, 0x1AFF}, {0x1B4D, 0x1B4F}, {0x1B7F, 0x1B7F},
    {0x1BF4, 0x1BFB}, {0x1C38, 0x1C3A}, {0x1C4A, 0x1C4C}, {0x1C89, 0x1C8F}, {0x1CBB, 0x1CBC},
    {0x1CC8, 0x1CCF}, {0x1CFB, 0x1CFF}, {0x1F16, 0x1F17}, {0x1F1E, 0x1F1F}, {0x1F46, 0x1F47},
    {0x1F4E, 0x1F4F}, {0x1F58, 0x1F58}, {0x1F5A, 0x1F5A}, {0x1F5C, 0x1F5C}, {0x1F5E, 0x1F5E},
    {0x1F7E, 0x1F7F}, {0x1FB5, 0x1FB5}, {0x1FC5, 0x1FC5}, {0x1FD4, 0x1FD5}, {0x1FDC, 0x1FDC},
    {0x1FF0, 0x1FF1}, {0x1FF5, 0x1FF5}, {0x1FFF, 0x1FFF}, {0x2065, 0x2065}, {0x2072, 0x2073},
    {0x208F, 0x208F}, {0x209D, 0x209F}, {0x20C1, 0x20CF}, {0x20F1, 0x20FF}, {0x218C, 0x218F},
    {0x231A, 0x231B}, {0x2329, 0x232A}, {0x23E9, 0x23EC}, {0x23F0, 0x23F0}, {0x23F3, 0x23F3},
    {0x2427, 0x243F}, {0x244B, 0x245F}, {0x25FD, 0x25FE}, {0x2614, 0x2615}, {0x2648, 0x2653},
    {0x267F, 0x267F}, {0x2693, 0x2693}, {0x26A1, 0x26A1}, {0x26AA, 0x26AB}, {0x26BD, 0x26BE},
    {0x26C4, 0x26C5}, {0x26CE, 0x26CE}, {0x26D4, 0x26D4}, {0x26EA, 0x26EA}, {0x26F2, 0x26F3},
    {0x26F5, 0x26F5}, {0x26FA, 0x26FA}, {0x26FD, 0x26FD}, {0x2705, 0x2705}, {0x270A, 0x270B},
    {0x2728, 0x2728}, {0x274C, 0x274C}, {0x274E, 0x274E}, {0x2753, 0x2755}, {0x2757, 0x2757},
    {0x2795, 0x2797}, {0x27B0, 0x27B0}, {0x27BF, 0x27BF}, {0x2B1B, 0x2B1C}, {0x2B50, 0x2B50},
    {0x2B55, 0x2B55}, {0x2B74, 0x2B75}, {0x2B96, 0x2B96}, {0x2CF4, 0x2CF8}, {0x2D26, 0x2D26},
    {0x2D28, 0x2D2C}, {0x2D2E, 0x2D2F}, {0x2D68, 0x2D6E}, {0x2D71, 0x2D7E}, {0x2D97, 0x2D9F},
    {0x2DA7, 0x2DA7}, {0x2DAF, 0x2DAF}, {0x2DB7, 0x2DB7}, {0x2DBF, 0x2DBF}, {0x2DC7, 0x2DC7},
    {0x2DCF, 0x2DCF}, {0x2DD7, 0x2DD7}, {0x2DDF, 0x2DDF}, {0x2E5E, 0x303E}, {0x3040, 0x3247},
    {0x3250, 0x4DBF}, {0x4E00, 0xA4CF}, {0xA62C, 0xA63F}, {0xA6F8, 0xA6FF}, {0xA7CB, 0xA7CF},
    {0xA7D2, 0xA7D2}, {0xA7D4, 0xA7D4}, {0xA7DA, 0xA7F1}, {0xA82D, 0xA82F}, {0xA83A, 0xA83F},
    {0xA878, 0xA87F}, {0xA8C6, 0xA8CD}, {0xA8DA, 0xA8DF}, {0xA954, 0xA95E}, {0xA960, 0xA97F},
    {0xA9CE, 0xA9CE}, {0xA9DA, 0xA9DD}, {0xA9FF, 0xA9FF}, {0xAA37, 0xAA3F}, {0xAA4E, 0xAA4F},
    {0xAA5A, 0xAA5B}, {0xAAC3, 0xAADA}, {0xAAF7, 0xAB00}, {0xAB07, 0xAB08}, {0xAB0F, 0xAB10},
    {0xAB17, 0xAB1F}, {0xAB27, 0xAB27}, {0xAB2F, 0xAB2F}, {0xAB6C, 0xAB6F}, {0xABEE, 0xABEF},
    {0xABFA, 0xD7AF}, {0xD7C7, 0xD7CA}, {0xD7FC, 0xD7FF}, {0xF900, 0xFAFF}, {0xFB07, 0xFB12},
    {0xFB18, 0xFB1C}, {0xFB37, 0xFB37}, {0xFB3D, 0xFB3D}, {0xFB3F, 0xFB3F}, {0xFB42, 0xFB42},
    {0xFB45, 0xFB45}, {0xFBC3, 0xFBD2}, {0xFD90, 0xFD91}, {0xFDC8, 0xFDCE}, {0xFDD0, 0xFDEF},
    {0xFE10, 0xFE1F}, {0xFE30, 0xFE6F}, {0xFE75, 0xFE75}, {0xFEFD, 0xFEFE}, {0xFF00, 0xFF60},
    {0xFFBF, 0xFFC1}, {0xFFC8, 0xFFC9}, {0xFFD0, 0xFFD1}, {0xFFD8, 0xFFD9}, {0xFFDD, 0xFFE7},
    {0xFFEF, 0xFFF8}, {0xFFFE, 0xFFFF}, {0x1000C, 0x1000C}, {0x10027, 0x10027}, {0x1003B, 0x1003B},
    {0x1003E, 0x1003E}, {0x1004E, 0x1004F}, {0x1005E, 0x1007F}, {0x100FB, 0x100FF}, {0x10103, 0x10106},
    {0x10134, 0x10136}, {0x1018F, 0x1018F}, {0x1019D, 0x1019F}, {0x101A1, 0x101CF}, {0x101FE, 0x1027F},
    {0x1029D, 0x1029F}, {0x102D1, 0x102DF}, {0x102FC, 0x102FF}, {0x10324, 0x1032C}, {0x1034B, 0x1034F},
    {0x1037B, 0x1037F}, {0x1039E, 0x1039E}, {0x103C4, 0x103C7}, {0x103D6, 0x103FF}, {0x1049E, 0x1049F},
    {0x104AA, 0x104AF}, {0x104D4, 0x104D7}, {0x104FC, 0x104FF}, {0x10528, 0x1052F}, {0x10564, 0x1056E},
    {0x1057B, 0x1057B}, {0x1058B, 0x1058B}, {0x10593, 0x10593}, {0x10596, 0x10596}, {0x105A2, 0x105A2},
    {0x105B2, 0x105B2}, {0x105BA, 0x105BA}, {0x105BD, 0x105FF}, {0x10737, 0x1073F}, {0x10756, 0x1075F},
    {0x10768, 0x1077F}, {0x10786, 0x10786}, {0x107B1, 0x107B1}, {0x107BB, 0x107FF}, {0x10806, 0x10807},
    {0x10809, 0x10809}, {0x10836, 0x10836}, {0x10839, 0x1083B}, {0x1083D, 0x1083E}, {0x10856, 0x10856},
    {0x1089F, 0x108A6}, {0x108B0, 0x108DF}, {0x108F3, 0x108F3}, {0x108F6, 0x108FA}, {0x1091C, 0x1091E},
    {0x1093A, 0x1093E}, {0x10940, 0x1097F}, {0x109B8, 0x109BB}, {0x109D0, 0x109D1}, {0x10A04, 0x10A04},
    {0x10A07, 0x10A0B}, {0x10A14, 0x10A14}, {0x10A18, 0x10A18}, {0x10A36, 0x10A37}, {0x10A3B, 0x10A3E},
    {0x10A49, 0x10A4F}, {0x10A59, 0x10A5F}, {0x10AA0, 0x10ABF}, {0x10AE7, 0x10AEA}, {0x10AF7, 0x10AFF},
    {0x10B36, 0x10B38}, {0x10B56, 0x10B57}, {0x10B73, 0x10B77}, {0x10B92, 0x10B98}, {0x10B9D, 0x10BA8},
    {0x10BB0, 0x10BFF}, {0x10C49, 0x10C7F}, {0x10CB3, 0x10CBF}, {0x10CF3, 0x10CF9}, {0x10D28, 0x10D2F},
    {0x10D3A, 0x10E5F}, {0x10E7F, 0x10E7F}, {0x10EAA, 0x10EAA}, {0x10EAE, 0x10EAF}, {0x10EB2, 0x10EFF},
    {0x10F28, 0x10F2F}, {0x10F5A, 0x10F6F}, {0x10F8A, 0x10FAF}, {0x10FCC, 0x10FDF}, {0x10FF7, 0x10FFF},
    {0x1104E, 0x11051}, {0x11076, 0x1107E}, {0x110C3, 0x110CC}, {0x110CE, 0x110CF}, {0x110E9, 0x110EF},
    {0x110FA, 0x110FF}, {0x11135, 0x11135}, {0x11148, 0x1114F}, {0x11177, 0x1117F}, {0x111E0, 0x111E0},
    {0x111F5, 0x111FF}, {0x11212, 0x11212}, {0x1123F, 0x1127F}, {0x11287, 0x11287}, {0x11289, 0x11289},
    {0x1128E, 0x1128E}, {0x1129E, 0x1129E}, {0x112AA, 0x112AF}, {0x112EB, 0x112EF}, {0x112FA, 0x112FF},
    {0x11304, 0x11304}, {0x1130D, 0x1130E}, {0x11311, 0x11312}, {0x11329, 0x11329}, {0x11331, 0x11331},
    {0x11334, 0x11334}, {0x1133A, 0x1133A}, {0x11345, 0x11346}, {0x11349, 0x1134A}, {0x1134E, 0x1134F},
    {0x11351, 0x11356}, {0x11358, 0x1135C}, {0x11364, 0x11365}, {0x1136D, 0x1136F}, {0x11375, 0x113FF},
    {0x1145C, 0x1145C}, {0x11462, 0x1147F}, {0x114C8, 0x114CF}, {0x114DA, 0x1157F}, {0x115B6, 0x115B7},
    {0x115DE, 0x115FF}, {0x11645, 0x1164F}, {0x1165A, 0x1165F}, {0x1166D, 0x1167F}, {0x116BA, 0x116BF},
    {0x116CA, 0x116FF}, {0x1171B, 0x1171C}, {0x1172C, 0x1172F}, {0x11747, 0x117FF}, {0x1183C, 0x1189F},
    {0x118F3, 0x118FE}, {0x11907, 0x11908}, {0x1190A, 0x1190B}, {0x11914, 0x11914}, {0x11917, 0x11917},
    {0x11936, 0x11936}, {0x11939, 0x1193A}, {0x11947, 0x1194F}, {0x1195A, 0x1199F}, {0x119A8, 0x119A9},
    {0x119D8, 0x119D9}, {0x119E5, 0x119FF}, {0x11A48, 0x11A4F}, {0x11AA3, 0x11AAF}, {0x11AF9, 0x11BFF},
    {0x11C09, 0x11C09}, {0x11C37, 0x11C37}, {0x11C46, 0x11C4F}, {0x11C6D, 0x11C6F}, {0x11C90, 0x11C91},
    {0x11CA8, 0x11CA8}, {0x11CB7, 0x11CFF}, {0x11D07, 0x11D07}, {0x11D0A, 0x11D0A}, {0x11D37, 0x11D39},
    {0x11D3B, 0x11D3B}, {0x11D3E, 0x11D3E}, {0x11D48, 0x11D4F}, {0x11D5A, 0x11D5F}, {0x11D66, 0x11D66},
    {0x11D69, 0x11D69}, {0x11D8F, 0x11D8F}, {0x11D92, 0x11D92}, {0x11D99, 0x11D9F}, {0x11DAA, 0x11EDF},
    {0x11EF9, 0x11FAF}, {0x11FB1, 0x11FBF}, {0x11FF2, 0x11FFE}, {0x1239A, 0x123FF}, {0x1246F, 0x1246F},
    {0x12475, 0x1247F}, {0x12544, 0x12F8F}, {0x12FF3, 0x12FFF}, {0x1342F, 0x1342F}, {0x13439, 0x143FF},
    {0x14647, 0x167FF}, {0x16A39, 0x16A3F}, {0x16A5F, 0x16A5F}, {0x16A6A, 0x16A6D}, {0x16ABF, 0x16ABF},
    {0x16ACA, 0x16ACF}, {0x16AEE, 0x16AEF}, {0x16AF6, 0x16AFF}, {0x16B46, 0x16B4F}, {0x16B5A, 0x16B5A},
    {0x16B62, 0x16B62}, {0x16B78, 0x16B7C}, {0x16B90, 0x16E3F}, {0x16E9B, 0x16EFF}, {0x16F4B, 0x16F4E},
    {0x16F88, 0x16F8E}, {0x16FA0, 0x1BBFF}, {0x1BC6B, 0x1BC6F}, {0x1BC7D, 0x1BC7F}, {0x1BC89, 0x1BC8F},
    {0x1BC9A, 0x1BC9B}, {0x1BCA4, 0x1CEFF}, {0x1CF2E, 0x1CF2F}, {0x1CF47, 0x1CF4F}, {0x1CFC4, 0x1CFFF},
    {0x1D0F6, 0x1D0FF}, {0x1D127, 0x1D128}, {0x1D1EB, 0x1D1FF}, {0x1D246, 0x1D2DF}, {0x1D2F4, 0x1D2FF},
    {0x1D357, 0x1D35F}, {0x1D379, 0x1D3FF}, {0x1D455, 0x1D455}, {0x1D49D, 0x1D49D}, {0x1D4A0, 0x1D4A1},
    {0x1D4A3, 0x1D4A4}, {0x1D4A7, 0x1D4A8}, {0x1D4AD, 0x1D4AD}, {0x1D4BA, 0x1D4BA}, {0x1D4BC, 0x1D4BC},
    {0x1D4C4, 0x1D4C4}, {0x1D506, 0x1D506}, {0x1D50B, 0x1D50C}, {0x1D515, 0x1D515}, {0x1D51D, 0x1D51D},
    {0x1D53A, 0x1D53A}, {0x1D53F, 0x1D53F}, {0x1D545, 0x1D545}, {0x1D547, 0x1D549}, {0x1D551, 0x1D551},
    {0x1D6A6, 0x1D6A7}, {0x1D7CC, 0x1D7CD}, {0x1DA8C, 0x1DA9A}, {0x1DAA0, 0x1DAA0}, {0x1DAB0, 0x1DEFF},
    {0x1DF1F, 0x1DFFF}, {0x1E007, 0x1E007}, {0x1E019, 0x1E01A}, {0x1E022, 0x1E022}, {0x1E025, 0x1E025},
    {0x1E02B, 0x1E0FF}, {0x1E12D, 0x1E12F}, {0x1E13E, 0x1E13F}, {0x1E14A, 0x1E14D}, {0x1E150, 0x1E28F},
    {0x1E2AF, 0x1E2BF}, {0x1E2FA, 0x1E2FE}, {0x1E300, 0x1E7DF}, {0x1E7E7, 0x1E7E7}, {0x1E7EC, 0x1E7EC},
    {0x1E7EF, 0x1E7EF}, {0x1E7FF, 0x1E7FF}, {0x1E8C5, 0x1E8C6}, {0x1E8D7, 0x1E8FF}, {0x1E94C, 0x1E94F},
    {0x1E95A, 0x1E95D}, {0x1E960, 0x1EC70}, {0x1ECB5, 0x1ED00}, {0x1ED3E, 0x1EDFF}, {0x1EE04, 0x1EE04},
    {0x1EE20, 0x1EE20}, {0x1EE23, 0x1EE23}, {0x1EE25, 0x1EE26}, {0x1EE28, 0x1EE28}, {0x1EE33, 0x1EE33},
    {0x1EE38, 0x1EE38}, {0x1EE3A, 0x1EE3A}, {0x1EE3C, 0x1EE41}, {0x1EE43, 0x1EE46}, {0x1EE48, 0x1EE48},
    {0x1EE4A, 0x1EE4A}, {0x1EE4C, 0x1EE4C}, {0x1EE50, 0x1EE50}, {0x1EE53, 0x1EE53}, {0x1EE55, 0x1EE56},
    {0x1EE58, 0x1EE58}, {0x1EE5A, 0x1EE5A}, {0x1EE5C, 0x1EE5C}, {0x1EE5E, 0x1EE5E}, {0x1EE60, 0x1EE60},
    {0x1EE63, 0x1EE63}, {0x1EE65, 0x1EE66}, {0x1EE6B, 0x1EE6B}, {0x1EE73, 0x1EE73}, {0x1EE78, 0x1EE78},
    {0x1EE7D, 0x1EE7D}, {0x1EE7F, 0x1EE7F}, {0x1EE8A, 0x1EE8A}, {0x1EE9C, 0x1EEA0}, {0x1EEA4, 0x1EEA4},
    {0x1EEAA, 0x1EEAA}, {0x1EEBC, 0x1EEEF}, {0x1EEF2, 0x1EFFF}, {0x1F004, 0x1F004}, {0x1F02C, 0x1F02F},
    {0x1F094, 0x1F09F}, {0x1F0AF, 0x1F0B0}, {0x1F0C0, 0x1F0C0}, {0x1F0CF, 0x1F0D0}, {0x1F0F6, 0x1F0FF},
    {0x1F18E, 0x1F18E}, {0x1F191, 0x1F19A}, {0x1F1AE, 0x1F1E5}, {0x1F200, 0x1F320}, {0x1F32D, 0x1F335},
    {0x1F337, 0x1F37C}, {0x1F37E, 0x1F393}, {0x1F3A0, 0x1F3CA}, {0x1F3CF, 0x1F3D3}, {0x1F3E0, 0x1F3F0},
    {0x1F3F4, 0x1F3F4}, {0x1F3F8, 0x1F43E}, {0x1F440, 0x1F440}, {0x1F442, 0x1F4FC}, {0x1F4FF, 0x1F53D},
    {0x1F54B, 0x1F54E}, {0x1F550, 0x1F567}, {0x1F57A, 0x1F57A}, {0x1F595, 0x1F596}, {0x1F5A4, 0x1F5A4},
    {0x1F5FB, 0x1F64F}, {0x1F680, 0x1F6C5}, {0x1F6CC, 0x1F6CC}, {0x1F6D0, 0x1F6D2}, {0x1F6D5, 0x1F6DF},
    {0x1F6EB, 0x1F6EF}, {0x1F6F4, 0x1F6FF}, {0x1F774, 0x1F77F}, {0x1F7D9, 0x1F7FF}, {0x1F80C, 0x1F80F},
    {0x1F848, 0x1F84F}, {0x1F85A, 0x1F85F}, {0x1F888, 0x1F88F}, {0x1F8AE, 0x1F8AF}, {0x1F8B2, 0x1F8FF},
    {0x1F90C, 0x1F93A}, {0x1F93C, 0x1F945}, {0x1F947, 0x1F9FF}, {0x1FA54, 0x1FA5F}, {0x1FA6E, 0x1FAFF},
    {0x1FB93, 0x1FB93}, {0x1FBCB, 0x1FBEF}, {0x1FBFA, 0xE0000}, {0xE0002, 0xE001F}, {0xE0080, 0xE00FF},
    {0xE01F0, 0xEFFFF}, {0xFFFFE, 0xFFFFF}, {0x10FFFE, 0x10FFFF},
};

int char_width(uint32_t cp) {
  size_t lo = 0, hi = std::size(kWideRanges);
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (cp < kWideRanges[mid].first)
      hi = mid;
    else if (cp > kWideRanges[mid].second)
      lo = mid + 1;
    else
      return 2;
  }
  return 1;
}

std::vector<uint32_t> code_points(std::string_view s) {  // s is valid UTF-8
  std::vector<uint32_t> out;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = s[i];
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
    uint32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
    for (size_t k = 1; k < n && i + k < s.size(); k++) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(cp);
    i += n;
  }
  return out;
}

// Terminal columns taken by the first `k` characters of `cps` (wide characters count two).
int64_t display_width(const std::vector<uint32_t>& cps, int64_t k) {
  k = std::clamp<int64_t>(k, 0, int64_t(cps.size()));
  int64_t w = 0;
  for (int64_t i = 0; i < k; i++) w += char_width(cps[size_t(i)]);
  return w;
}

// -- Caret anchors ------------------------------------------------------------------------------------
// For a segment that parses as one expression statement holding a binary operation or a
// subscript, the byte range of the operator / the brackets within the segment.
bool segment_anchors(const std::string& seg, int64_t* left, int64_t* right, char* primary, char* secondary) {
  ParseResult pr = parse_source(seg, "<traceback>", ParseMode::kExec);
  if (pr.error) return false;
  fold_constants(pr.module);
  if (pr.module.body.size() != 1) return false;
  const ast::Stmt& st = *pr.module.body[0];
  if (st.kind != ast::StmtKind::kExpr || !st.value) return false;
  const ast::Expr& e = *st.value;
  auto at = [&](int64_t i) -> unsigned char {
    return i >= 0 && i < int64_t(seg.size()) ? static_cast<unsigned char>(seg[size_t(i)]) : 0;
  };
  if (e.kind == ast::ExprKind::kBinOp && e.a && e.b) {
    int64_t stop = e.b->pos.col;
    for (int64_t i = e.a->pos.end_col; i < stop; i++) {
      if (is_ws(at(i))) continue;
      *left = i;
      *right = i + 1;
      if (i + 1 < stop && !is_ws(at(i + 1))) ++*right;  // two-character operator such as //
      if (i + 1 < stop && at(i) == ')') continue;       // a closing parenthesis of the left operand
      *primary = '~';
      *secondary = '^';
      break;
    }
    return true;
  }
  if (e.kind == ast::ExprKind::kSubscript && e.a && e.b) {
    int64_t len = int64_t(seg.size());
    int64_t l = e.a->pos.end_col, r = e.b->pos.end_col + 1;
    while (l < len && at(l) != '[') l++;
    while (r < len && at(r) != ']') r++;
    if (r < len) r++;
    *left = l;
    *right = r;
    *primary = '~';
    *secondary = '^';
    return true;
  }
  return false;
}

// The caret line for one traceback entry, or "" when none is shown. Offsets are computed in
// characters, the line is drawn in display columns.
std::string caret_line(const std::string& line, size_t indent, const SourcePos& pos) {
  if (pos.line < 0 || pos.end_line < 0 || pos.col < 0 || pos.end_col < 0) return "";
  int64_t start = char_offset(line, pos.col);
  int64_t end = char_offset(line, pos.end_col);
  int64_t line_len = char_length(line);
  std::vector<uint32_t> cps = code_points(line);
  // Secondary range [left, right) in characters of the segment line[start:end].
  int64_t left = -1, right = -1;
  char primary = '^', secondary = '^';
  std::vector<uint32_t> seg_cps;
  if (pos.line == pos.end_line) {
    if (start < end && start < int64_t(cps.size())) {
      size_t b0 = byte_index(line, start), b1 = byte_index(line, end);
      std::string seg = line.substr(b0, b1 - b0);
      int64_t l = -1, r = -1;
      if (segment_anchors(seg, &l, &r, &primary, &secondary) && l >= 0 && r >= 0) {
        left = char_offset(seg, l);
        right = char_offset(seg, r);
        seg_cps = code_points(seg);
      } else {
        primary = secondary = '^';
      }
    }
  } else {
    // A multi-line instruction: highlight to the last non-blank character of the first line
    // (CPython indexes the UTF-8 text by character count here).
    int64_t i = line_len;
    while (--i >= 0)
      if (!is_ws(i < int64_t(line.size()) ? static_cast<unsigned char>(line[size_t(i)]) : 0)) break;
    end = i + 1;
  }
  bool anchors = left != -1 || right != -1;
  // No carets when the primary range covers the whole (indentation-stripped) line.
  if (end - start == line_len - int64_t(indent) && !anchors) return "";
  int64_t dp_start = display_width(cps, start), dp_end = display_width(cps, end);
  auto run = [](char c, int64_t n) { return n > 0 ? std::string(size_t(n), c) : std::string(); };
  std::string out = "    " + run(' ', dp_start - int64_t(indent));
  if (anchors) {
    int64_t wl = display_width(seg_cps, left), wr = display_width(seg_cps, right);
    out += run(primary, wl) + run(secondary, wr - wl) + run(primary, dp_end - dp_start - wr);
  } else {
    out += run('^', dp_end - dp_start);
  }
  return out + "\n";
}

// -- Traceback entries --------------------------------------------------------------------------------
void print_entry(TracebackObject* t, SourceCache& src, std::string& out) {
  std::string file(t->code->filename->view());
  out += fmt::format("  File \"{}\", line {}, in {}\n", file, t->lineno, t->code->name->view());
  const std::string* line = src.line(file, t->lineno);
  if (!line || !valid_utf8(*line)) return;
  size_t indent = 0;
  while (indent < line->size() && is_ws(static_cast<unsigned char>((*line)[indent]))) indent++;
  out += "    " + line->substr(indent) + "\n";
  const auto& positions = t->code->u().positions;
  if (t->lasti < 0 || size_t(t->lasti) >= positions.size()) return;
  out += caret_line(*line, indent, positions[size_t(t->lasti)]);
}

Value sys_attr(const char* name) {
  Value sys = dict_get_str(g_sys_modules, str_intern("sys"));
  if (sys.is_null()) return Value();
  Value v = getattr_opt(sys, str_intern(name));
  if (v.is_exc()) {
    exc_fetch();
    return Value();
  }
  return v;
}

void print_repeated(int64_t count, std::string& out) {
  count -= kRecursiveCutoff;
  out += fmt::format("  [Previous line repeated {} more time{}]\n", count, count > 1 ? "s" : "");
}

void print_traceback(Value tb, SourceCache& src, std::string& out) {
  int64_t limit = kDefaultTracebackLimit;
  Value lv = sys_attr("tracebacklimit");
  if (!lv.is_null() && is_int(lv)) {
    int64_t n;
    if (!int_to_i64(lv, &n))
      limit = INT64_MAX;  // an overflowing limit counts as unlimited (a huge negative one too: rare)
    else if (n <= 0)
      return;
    else
      limit = n;
  }
  std::vector<TracebackObject*> entries;
  for (Value v = tb; v.is_obj() && isinstance_exact(v, types::traceback); v = v.as<TracebackObject>()->next)
    entries.push_back(v.as<TracebackObject>());
  size_t first = entries.size() > size_t(limit) ? entries.size() - size_t(limit) : 0;
  out += "Traceback (most recent call last):\n";
  StrObject *last_file = nullptr, *last_name = nullptr;
  int last_line = -1;
  int64_t count = 0;
  for (size_t i = first; i < entries.size(); i++) {
    TracebackObject* t = entries[i];
    if (!last_file || t->code->filename != last_file || last_line == -1 || t->lineno != last_line || !last_name ||
        t->code->name != last_name) {
      if (count > kRecursiveCutoff) print_repeated(count, out);
      last_file = t->code->filename;
      last_line = t->lineno;
      last_name = t->code->name;
      count = 0;
    }
    count++;
    if (count <= kRecursiveCutoff) print_entry(t, src, out);
  }
  if (count > kRecursiveCutoff) print_repeated(count, out);
}

// -- "Did you mean" suggestions -----------------------------------------------------------------------
size_t substitution_cost(char a, char b) {
  if ((a & 31) != (b & 31)) return kMoveCost;
  if (a == b) return 0;
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? char(c + ('a' - 'A')) : c; };
  return lower(a) == lower(b) ? kCaseCost : kMoveCost;
}

// Edit distance with case-flip substitutions cheaper than other edits; anything above `max_cost`
// is reported as max_cost + 1.
size_t edit_distance(std::string_view a, std::string_view b, size_t max_cost) {
  while (!a.empty() && !b.empty() && a.front() == b.front()) {
    a.remove_prefix(1);
    b.remove_prefix(1);
  }
  while (!a.empty() && !b.empty() && a.back() == b.back()) {
    a.remove_suffix(1);
    b.remove_suffix(1);
  }
  if (a.empty() || b.empty()) return (a.size() + b.size()) * kMoveCost;
  if (a.size() > kMaxNameBytes || b.size() > kMaxNameBytes) return max_cost + 1;
  if (b.size() < a.size()) std::swap(a, b);  // a is the shorter: one row of a.size() cells
  if ((b.size() - a.size()) * kMoveCost > max_cost) return max_cost + 1;
  size_t row[kMaxNameBytes];
  for (size_t i = 0; i < a.size(); i++) row[i] = (i + 1) * kMoveCost;
  size_t result = 0;
  for (size_t j = 0; j < b.size(); j++) {
    size_t diag = j * kMoveCost;  // cost(b[:j], a[:0])
    result = diag;
    size_t row_min = SIZE_MAX;
    for (size_t i = 0; i < a.size(); i++) {
      size_t subst = diag + substitution_cost(b[j], a[i]);
      diag = row[i];
      size_t indel = std::min(result, diag) + kMoveCost;
      result = std::min(indel, subst);
      row[i] = result;
      row_min = std::min(row_min, result);
    }
    if (row_min > max_cost) return max_cost + 1;
  }
  return result;
}

// The closest candidate to `name` among `candidates` (str values; anything else aborts), or "".
std::string best_suggestion(const std::vector<Value>& candidates, std::string_view name) {
  if (candidates.size() >= kMaxCandidates) return "";
  std::string best;
  bool found = false;
  int64_t best_dist = INT64_MAX;
  for (Value c : candidates) {
    if (!is_str(c)) return "";
    std::string_view item = as_str(c)->view();
    if (item == name) continue;
    // At most about a third of the characters involved may change, and it must beat the best.
    int64_t max_dist = int64_t((name.size() + item.size() + 3) * kMoveCost / 6);
    max_dist = std::min(max_dist, best_dist - 1);
    if (max_dist < 0) continue;
    size_t d = edit_distance(name, item, size_t(max_dist));
    if (d > size_t(max_dist)) continue;
    if (!found || int64_t(d) < best_dist) {
      best = std::string(item);
      best_dist = int64_t(d);
      found = true;
    }
  }
  return best;
}

std::vector<Value> dict_keys(DictObject* d) {
  std::vector<Value> keys;
  for (uint64_t i = 0; i < d->nentries; i++)
    if (!d->entries[i].key.is_null() && !d->entries[i].value.is_null()) keys.push_back(d->entries[i].key);
  return keys;
}

// The globals of the module whose code object is `code` (by file name), or nullptr.
DictObject* module_globals_for(CodeObject* code) {
  std::string_view file = code->filename->view();
  std::error_code ec;
  std::filesystem::path canon = std::filesystem::weakly_canonical(std::string(file), ec);
  for (uint64_t i = 0; i < g_sys_modules->nentries; i++) {
    const DictEntry& e = g_sys_modules->entries[i];
    if (e.key.is_null() || e.value.is_null() || !isinstance_exact(e.value, types::module)) continue;
    DictObject* d = e.value.as<ModuleObject>()->dict;
    if (!d) continue;
    Value f = dict_get_str(d, str_intern("__file__"));
    if (f.is_null() || !is_str(f)) continue;
    std::string_view mf = as_str(f)->view();
    if (mf == file) return d;
    if (!ec) {
      std::error_code ec2;
      auto mc = std::filesystem::weakly_canonical(std::string(mf), ec2);
      if (!ec2 && mc == canon) return d;
    }
  }
  return nullptr;
}

std::string name_error_suggestion(Value e) {
  auto* eo = e.as<ExceptionObject>();
  // The VM's NameError carries the name; older raise sites only have it in the message.
  std::string name;
  Value nv = getattr_opt(e, str_intern("name"));
  if (nv.is_exc()) exc_fetch();
  if (!nv.is_null() && !nv.is_exc() && isinstance_exact(nv, types::str)) {
    name = std::string(as_str(nv)->view());
  } else if (eo->args && eo->args->size == 1 && isinstance_exact(eo->args->items[0], types::str)) {
    std::string_view msg = as_str(eo->args->items[0])->view();
    constexpr std::string_view pre = "name '", post = "' is not defined";
    if (msg.size() > pre.size() + post.size() && msg.substr(0, pre.size()) == pre &&
        msg.substr(msg.size() - post.size()) == post)
      name = std::string(msg.substr(pre.size(), msg.size() - pre.size() - post.size()));
  }
  if (name.empty() || !eo->traceback.is_obj()) return "";
  TracebackObject* last = nullptr;
  for (Value v = eo->traceback; v.is_obj() && isinstance_exact(v, types::traceback); v = v.as<TracebackObject>()->next)
    last = v.as<TracebackObject>();
  if (!last) return "";
  CodeObject* code = last->code;
  // The frame's local variable names (arguments and plain locals, as co_varnames), then its
  // globals, then the builtins.
  std::vector<Value> varnames;
  for (uint32_t i = 0; i < code->nlocalsplus; i++)
    if (code->localsplus_kinds[i] & kLocal) varnames.push_back(obj(code->localsplus_names[i]));
  std::string s = best_suggestion(varnames, name);
  if (!s.empty()) return s;
  if (DictObject* g = module_globals_for(code)) {
    s = best_suggestion(dict_keys(g), name);
    if (!s.empty()) return s;
  }
  return best_suggestion(dict_keys(g_builtins), name);
}

std::string dir_suggestion(Value target, std::string_view name) {
  Value dir = dict_get_str(g_builtins, str_intern("dir"));
  if (dir.is_null()) return "";
  Value names = call1(dir, target);
  if (names.is_exc()) {
    exc_fetch();
    return "";
  }
  if (!is_list(names)) return "";
  auto* l = names.as<ListObject>();
  std::vector<Value> items(l->items, l->items + l->size);
  return best_suggestion(items, name);
}

std::string attribute_error_suggestion(Value e) {
  Value name = getattr_opt(e, str_intern("name"));
  if (name.is_exc()) exc_fetch();
  if (name.is_null() || name.is_exc() || !isinstance_exact(name, types::str)) return "";
  Value target = instance_get_slot(e.as<InstanceObject>(), str_intern("obj"));
  if (target.is_null()) return "";
  return dir_suggestion(target, as_str(name)->view());
}

// The "Did you mean" candidate for exactly NameError / AttributeError (3.11 offers none for
// subclasses nor for ImportError).
std::string suggestion_for(Value e) {
  TypeObject* t = type_of(e);
  std::string s;
  if (t == exc::AttributeError)
    s = attribute_error_suggestion(e);
  else if (t == exc::NameError)
    s = name_error_suggestion(e);
  if (exc_pending()) exc_fetch();
  return s;
}

// -- The exception line -------------------------------------------------------------------------------
std::string exception_type_label(Value e) {
  TypeObject* t = type_of(e);
  std::string name(t->qualname ? t->qualname->view() : t->name->view());
  if (t->module) {
    std::string_view m = t->module->view();
    if (m != "__main__" && m != "builtins") name = std::string(m) + "." + name;
  }
  return name;
}

// str(v) for printing; nullopt when str() raised.
std::optional<std::string> printable_str(Value v) {
  Value s = str_of(v);
  if (s.is_exc()) {
    exc_fetch();
    return std::nullopt;
  }
  return std::string(as_str(s)->view());
}

// SyntaxError's `  File ..., line N` / text / caret lines; false when its attributes do not
// describe a location (then it prints like any other exception).
bool syntax_error_location(Value e, std::string& out, Value* message) {
  Value marker = getattr_opt(e, str_intern("print_file_and_line"));
  if (marker.is_exc()) exc_fetch();
  if (marker.is_null() || marker.is_exc()) return false;
  auto attr = [&](const char* n) {
    Value v = getattr_opt(e, str_intern(n));
    if (v.is_exc()) {
      exc_fetch();
      return Value();
    }
    return v;
  };
  Value msg = attr("msg"), filename = attr("filename"), lineno = attr("lineno"), offset = attr("offset");
  Value text = attr("text");
  if (msg.is_null() || filename.is_null() || lineno.is_null() || offset.is_null() || text.is_null()) return false;
  SyntaxErrorInfo info;
  TypeObject* t = type_of(e);
  info.type = is_subtype(t, exc::TabError) ? "TabError" : is_subtype(t, exc::IndentationError) ? "IndentationError" : "SyntaxError";
  if (filename.is_none()) {
    info.filename = "<string>";
  } else {
    auto f = printable_str(filename);
    if (!f) return false;
    info.filename = *f;
  }
  int64_t n = 0;
  if (!is_int(lineno) || !int_to_i64(lineno, &n)) return false;
  info.lineno = int(n);
  info.offset = 0;
  if (!offset.is_none()) {
    if (!is_int(offset) || !int_to_i64(offset, &n)) return false;
    info.offset = int(n);
  }
  info.end_lineno = info.lineno;
  info.end_offset = 0;
  if (t == exc::SyntaxError) {
    Value el = attr("end_lineno"), eoff = attr("end_offset");
    if (!el.is_null() && is_int(el) && int_to_i64(el, &n)) info.end_lineno = int(n);
    if (!eoff.is_null() && is_int(eoff) && int_to_i64(eoff, &n)) info.end_offset = int(n);
  }
  *message = msg;
  if (text.is_none() || !is_str(text)) {
    out += fmt::format("  File \"{}\", line {}\n", info.filename, info.lineno);
    return true;
  }
  info.text = std::string(as_str(text)->view());
  info.msg = "";
  std::string s = format_syntax_error(info);
  // Keep the location lines; the caller prints the exception line itself.
  size_t cut = s.size() >= 2 ? s.rfind('\n', s.size() - 2) : std::string::npos;
  out += cut == std::string::npos ? s : s.substr(0, cut + 1);
  return true;
}

void print_notes(Value e, std::string& out) {
  Value notes = getattr_opt(e, str_intern("__notes__"));
  if (notes.is_exc()) exc_fetch();
  if (notes.is_null() || notes.is_exc() || notes.is_none()) return;
  if (!(is_list(notes) || is_tuple(notes))) {
    out += repr_utf8(notes) + "\n";
    return;
  }
  size_t n = is_list(notes) ? notes.as<ListObject>()->size : notes.as<TupleObject>()->size;
  for (size_t i = 0; i < n; i++) {
    Value note = is_list(notes) ? notes.as<ListObject>()->items[i] : notes.as<TupleObject>()->items[i];
    auto s = is_str(note) ? std::optional<std::string>(std::string(as_str(note)->view())) : printable_str(note);
    out += (s ? *s : std::string("<note str() failed>")) + "\n";
  }
}

// -- Exceptions, chains and exception groups ---------------------------------------------------------
// Inside an exception group every line gets an indented "| " margin (CPython's pythonrun.c
// print_exception_group): 2 spaces per nesting level.
constexpr int kMaxGroupWidth = 15, kMaxGroupDepth = 10;

struct PrintCtx {
  SourceCache& src;
  std::set<Object*>& seen;
  int group_depth = 0;
  bool need_close = false;
  std::string indent() const { return std::string(size_t(2 * group_depth), ' '); }
  std::string margin() const { return indent() + (group_depth ? "| " : ""); }
};

bool is_group(Value e) { return is_subtype(type_of(e), exc::BaseExceptionGroup); }

// Appends each line of `text` to `out` behind `prefix`.
void add_lines(std::string& out, const std::string& text, const std::string& prefix) {
  if (prefix.empty()) {
    out += text;
    return;
  }
  size_t i = 0;
  while (i < text.size()) {
    size_t nl = text.find('\n', i);
    size_t end = nl == std::string::npos ? text.size() : nl;
    out += prefix + text.substr(i, end - i) + "\n";
    i = end + 1;
  }
}

void print_one(Value e, PrintCtx& c, std::string& out) {
  auto* eo = e.as<ExceptionObject>();
  if (eo->traceback.is_obj()) {
    std::string tb;
    print_traceback(eo->traceback, c.src, tb);
    if (!tb.empty()) {
      size_t nl = tb.find('\n');
      std::string header_margin = c.margin();
      std::string header = tb.substr(0, nl);
      if (is_group(e)) {
        header = "Exception Group " + header;
        if (c.group_depth == 1) header_margin = c.indent() + "+ ";
      }
      out += header_margin + header + "\n";
      add_lines(out, tb.substr(nl + 1), c.margin());
    }
  }
  std::string body;
  std::string label = exception_type_label(e);
  Value message = e;
  if (is_subtype(type_of(e), exc::SyntaxError)) syntax_error_location(e, body, &message);
  body += label;
  auto msg = printable_str(message);
  if (!msg)
    body += ": <exception str() failed>";
  else if (!msg->empty())
    body += ": " + *msg;
  std::string hint = suggestion_for(e);
  if (!hint.empty()) body += ". Did you mean: '" + hint + "'?";
  body += "\n";
  print_notes(e, body);
  add_lines(out, body, c.margin());
}

void print_recursive(Value e, PrintCtx& c, std::string& out, int depth);

void print_group(Value e, PrintCtx& c, std::string& out, int depth) {
  if (c.group_depth > kMaxGroupDepth) {
    out += c.margin() + fmt::format("... (max_group_depth is {})\n", kMaxGroupDepth);
    return;
  }
  if (c.group_depth == 0) c.group_depth++;
  print_one(e, c, out);
  Value excs_v = getattr_opt(e, str_intern("exceptions"));
  if (excs_v.is_exc()) exc_fetch();
  if (!excs_v.is_obj() || !is_tuple(excs_v)) {
    if (c.group_depth == 1) c.group_depth--;
    return;
  }
  auto* excs = excs_v.as<TupleObject>();
  size_t num = excs->size;
  size_t n = num <= size_t(kMaxGroupWidth) ? num : size_t(kMaxGroupWidth) + 1;
  c.need_close = false;
  for (size_t i = 0; i < n; i++) {
    bool last = i == n - 1;
    if (last) c.need_close = true;
    bool truncated = i >= size_t(kMaxGroupWidth);
    out += c.indent() + (i == 0 ? "+-" : "  ") +
           (truncated ? std::string("+---------------- ... ----------------\n")
                      : fmt::format("+---------------- {} ----------------\n", i + 1));
    c.group_depth++;
    if (!truncated) {
      print_recursive(excs->items[i], c, out, depth + 1);
    } else {
      size_t remaining = num - size_t(kMaxGroupWidth);
      out += c.margin() + fmt::format("and {} more exception{}\n", remaining, remaining > 1 ? "s" : "");
    }
    if (last && c.need_close) {
      out += c.indent() + "+------------------------------------\n";
      c.need_close = false;
    }
    c.group_depth--;
  }
  if (c.group_depth == 1) c.group_depth--;
}

void print_chained(Value e, PrintCtx& c, std::string& out, int depth, const char* message) {
  bool need_close = c.need_close;
  print_recursive(e, c, out, depth + 1);
  c.need_close = need_close;
  add_lines(out, std::string("\n") + message + "\n\n", c.margin());
}

void print_recursive(Value e, PrintCtx& c, std::string& out, int depth) {
  auto* eo = e.as<ExceptionObject>();
  c.seen.insert(e.as_obj());
  if (depth < 100) {
    if (eo->cause.is_obj()) {
      if (!c.seen.count(eo->cause.as_obj()))
        print_chained(eo->cause, c, out, depth, "The above exception was the direct cause of the following exception:");
    } else if (eo->context.is_obj() && !eo->suppress_context && !c.seen.count(eo->context.as_obj())) {
      print_chained(eo->context, c, out, depth, "During handling of the above exception, another exception occurred:");
    }
  }
  if (is_group(e)) print_group(e, c, out, depth);
  else print_one(e, c, out);
}

void flush_stdout() {
  Value out = sys_attr("stdout");
  if (out.is_null() || out.is_none()) return;
  Value r = call_method(out, str_intern("flush"), nullptr, 0);
  if (r.is_exc()) exc_fetch();
}
}  // namespace

void print_exception(Value e) {
  flush_stdout();
  std::string out;
  SourceCache src;
  std::set<Object*> seen;
  PrintCtx ctx{src, seen};
  print_recursive(e, ctx, out, 0);
  fputs(out.c_str(), stderr);
  fflush(stderr);
}

int handle_uncaught(Value e) {
  if (is_subtype(type_of(e), exc::SystemExit)) {
    auto* eo = e.as<ExceptionObject>();
    Value code = Value::none();
    if (eo->args && eo->args->size == 1)
      code = eo->args->items[0];
    else if (eo->args && eo->args->size > 1)
      code = obj(eo->args);
    flush_stdout();
    if (code.is_none()) return 0;
    int64_t n;
    if (is_int(code) && int_to_i64(code, &n)) return int(n & 0xFF);
    std::string s = str_utf8(code);
    fprintf(stderr, "%s\n", s.c_str());
    return 1;
  }
  print_exception(e);
  return 1;
}

}  // namespace chaipy
