// interp/modules/_sre_engine.cpp — the backtracking matcher of `_sre` (see _sre_engine.h): the
// opcode interpreter, character classes, search strategies (literal prefix, charset prefix,
// general scan) and the code validator.
//
// The matcher never recurses in C++ for the pattern's structure: every opcode that must be able
// to backtrack (BRANCH, the repeats, assertions, atomic groups) pushes a Frame on an explicit
// stack and "calls" its sub-pattern; when the callee finishes, the caller resumes at the point
// recorded in the callee's `resume` field. Saved marks and REPEAT guards live on a second stack
// (State::data). So `(a|b)*` over a megabyte of text runs in heap memory, as CPython's does.
// The order in which alternatives, repeat counts and marks are tried and restored is CPython
// 3.11's (Modules/_sre/sre_lib.h): match positions, groups and lastindex agree on every pattern.
#include "interp/modules/_sre_engine.h"

#include <cctype>
#include <cstdlib>
#include <unordered_map>

#include "interp/objects/objects.h"
#include "interp/runtime.h"

namespace chaipy::sre {

// -- Character properties ------------------------------------------------------------------
// The Unicode properties of non-ASCII code points: until the runtime has UCD tables (branch
// `unicode`), they come from the runtime's own str methods, asked once per code point and
// cached. Switching to the tables is a change to uni_props() alone.
namespace {
struct UniProps {
  uint32_t lower, upper;
  bool alnum, decimal, space;
};

uint32_t single_cp(Value s, uint32_t fallback) {
  if (s.is_exc()) { exc_fetch(); return fallback; }
  StrObject* r = as_str(s);
  if (r->length != 1) return fallback;
  int len;
  return utf8_decode(r->data, &len);
}

bool str_pred(Value ch, const char* method) {
  Value r = call_method(ch, str_intern(method), nullptr, 0);
  if (r.is_exc()) { exc_fetch(); return false; }
  return r.is_true();
}

const UniProps& uni_props(uint32_t c) {
  static auto* cache = new std::unordered_map<uint32_t, UniProps>();
  auto it = cache->find(c);
  if (it != cache->end()) return it->second;
  Value ch = str_from_codepoint(c);
  UniProps p;
  Value lo = call_method(ch, str_intern("lower"), nullptr, 0);
  p.lower = single_cp(lo, c);  // the simple mapping (a multi-character full mapping: unchanged)
  p.upper = single_cp(call_method(ch, str_intern("upper"), nullptr, 0), c);
  p.alnum = str_pred(ch, "isalnum");
  p.decimal = str_pred(ch, "isdecimal");
  p.space = str_is_space_cp(c);
  return cache->emplace(c, p).first->second;
}

// ASCII character classes as one table (the hot path of \w, \d, \s and \b on ASCII text).
enum : uint8_t { kAlnum = 1, kDigit = 2, kSpace = 4, kWord = 8, kUniSpace = 16 };
struct AsciiTable {
  uint8_t bits[128];
  constexpr AsciiTable() : bits() {
    for (int c = 0; c < 128; c++) {
      bool digit = c >= '0' && c <= '9';
      bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      bool space = c == ' ' || (c >= 9 && c <= 13);
      bits[c] = uint8_t((alpha || digit ? kAlnum : 0) | (digit ? kDigit : 0) | (space ? kSpace : 0) |
                        (alpha || digit || c == '_' ? kWord : 0) | (space || (c >= 0x1C && c <= 0x1F) ? kUniSpace : 0));
    }
  }
};
constexpr AsciiTable kAscii;
inline bool ascii_has(uint32_t c, uint8_t bit) { return c < 128 && (kAscii.bits[c] & bit); }
inline bool ascii_alnum(uint32_t c) { return ascii_has(c, kAlnum); }
inline bool uni_isalnum(uint32_t c) { return c < 128 ? ascii_alnum(c) : uni_props(c).alnum; }
inline bool uni_isdecimal(uint32_t c) { return c < 128 ? (c >= '0' && c <= '9') : uni_props(c).decimal; }
inline bool uni_isspace(uint32_t c) { return c < 128 ? ascii_has(c, kUniSpace) : uni_props(c).space; }
inline bool uni_islinebreak(uint32_t c) {
  return (c >= 0x0A && c <= 0x0D) || (c >= 0x1C && c <= 0x1E) || c == 0x85 || c == 0x2028 || c == 0x2029;
}

// ASCII classes of bytes patterns and re.ASCII (CPython's Py_ISxxx on values <= 127).
inline bool is_digit(uint32_t c) { return ascii_has(c, kDigit); }
inline bool is_space(uint32_t c) { return ascii_has(c, kSpace); }
inline bool is_word(uint32_t c) { return ascii_has(c, kWord); }
inline bool uni_is_word(uint32_t c) { return c < 128 ? ascii_has(c, kWord) : uni_props(c).alnum; }

// re.LOCALE: the C library's classification of byte values under the current LC_CTYPE.
inline bool loc_is_word(uint32_t c) { return c < 256 && (std::isalnum(int(c)) || c == '_'); }
inline uint32_t lower_locale(uint32_t c) { return c < 256 ? uint32_t(std::tolower(int(c))) : c; }
inline uint32_t upper_locale(uint32_t c) { return c < 256 ? uint32_t(std::toupper(int(c))) : c; }
inline bool char_loc_ignore(Code pattern, uint32_t ch) {
  return ch == pattern || lower_locale(ch) == pattern || upper_locale(ch) == pattern;
}
}  // namespace

uint32_t lower_ascii(uint32_t ch) { return (ch >= 'A' && ch <= 'Z') ? ch + 32 : ch; }
uint32_t lower_unicode(uint32_t ch) { return ch < 128 ? lower_ascii(ch) : uni_props(ch).lower; }
uint32_t upper_unicode(uint32_t ch) {
  if (ch < 128) return (ch >= 'a' && ch <= 'z') ? ch - 32 : ch;
  return uni_props(ch).upper;
}
bool is_ascii_alpha(uint32_t ch) { return ascii_has(ch, kAlnum) && !ascii_has(ch, kDigit); }

namespace {

[[gnu::always_inline]] inline bool category(Code cat, uint32_t ch) {
  switch (cat) {
    case CAT_DIGIT: return is_digit(ch);
    case CAT_NOT_DIGIT: return !is_digit(ch);
    case CAT_SPACE: return is_space(ch);
    case CAT_NOT_SPACE: return !is_space(ch);
    case CAT_WORD: return is_word(ch);
    case CAT_NOT_WORD: return !is_word(ch);
    case CAT_LINEBREAK: return ch == '\n';
    case CAT_NOT_LINEBREAK: return ch != '\n';
    case CAT_LOC_WORD: return loc_is_word(ch);
    case CAT_LOC_NOT_WORD: return !loc_is_word(ch);
    case CAT_UNI_DIGIT: return uni_isdecimal(ch);
    case CAT_UNI_NOT_DIGIT: return !uni_isdecimal(ch);
    case CAT_UNI_SPACE: return uni_isspace(ch);
    case CAT_UNI_NOT_SPACE: return !uni_isspace(ch);
    case CAT_UNI_WORD: return uni_is_word(ch);
    case CAT_UNI_NOT_WORD: return !uni_is_word(ch);
    case CAT_UNI_LINEBREAK: return uni_islinebreak(ch);
    case CAT_UNI_NOT_LINEBREAK: return !uni_islinebreak(ch);
  }
  return false;
}

// Is ch in the set starting at `set` (the operands of IN, terminated by FAILURE)?
bool in_charset(const Code* set, uint32_t ch) {
  bool ok = true;
  for (;;) {
    switch (*set++) {
      case OP_FAILURE: return !ok;
      case OP_LITERAL:
        if (ch == set[0]) return ok;
        set++;
        break;
      case OP_CATEGORY:
        if (category(set[0], ch)) return ok;
        set++;
        break;
      case OP_CHARSET:  // 256-bit bitmap
        if (ch < 256 && (set[ch >> 5] & (1u << (ch & 31)))) return ok;
        set += 8;
        break;
      case OP_RANGE:
        if (set[0] <= ch && ch <= set[1]) return ok;
        set += 2;
        break;
      case OP_RANGE_UNI_IGNORE: {  // ch is already lower-cased
        if (set[0] <= ch && ch <= set[1]) return ok;
        uint32_t up = upper_unicode(ch);
        if (set[0] <= up && up <= set[1]) return ok;
        set += 2;
        break;
      }
      case OP_NEGATE: ok = !ok; break;
      case OP_BIGCHARSET: {  // <count> <256 block numbers as bytes> <count 256-bit blocks>
        Code count = *set++;
        int block = ch < 0x10000 ? reinterpret_cast<const uint8_t*>(set)[ch >> 8] : -1;
        set += 64;
        if (block >= 0 && (set[(uint32_t(block) * 256 + (ch & 255)) >> 5] & (1u << (ch & 31)))) return ok;
        set += count * 8;
        break;
      }
      default: return false;  // not reached for validated code
    }
  }
}

bool in_charset_loc_ignore(const Code* set, uint32_t ch) {
  uint32_t lo = lower_locale(ch);
  if (in_charset(set, lo)) return true;
  uint32_t up = upper_locale(ch);
  return up != lo && in_charset(set, up);
}

// -- The matcher ----------------------------------------------------------------------------
}  // namespace

// Where a suspended frame resumes when the sub-pattern it called returns.
enum Resume : uint8_t {
  kNone, kMaxUntil1, kMaxUntil2, kMaxUntil3, kMinUntil1, kMinUntil2, kMinUntil3, kRepeat,
  kRepeatOne1, kRepeatOne2, kMinRepeatOne, kBranch, kAssert, kAssertNot, kPossRepeat1,
  kPossRepeat2, kAtomicGroup,
};

struct Frame {
  const Code* pattern;  // the caller's pattern position while suspended
  int64_t ptr;          // the caller's subject position while suspended
  int64_t count;
  Repeat* rep;
  Code chr;
  int lastmark, lastindex;
  bool toplevel;        // SUCCESS here must honour match_all / must_advance
  Resume resume;        // where the caller continues when this frame returns
};

// A plain growable array: push and pop are on the matcher's hottest path.
struct FrameStack {
  Frame* items = nullptr;
  size_t size = 0, cap = 0;
  FrameStack() = default;
  FrameStack(const FrameStack&) = delete;
  FrameStack& operator=(const FrameStack&) = delete;
  ~FrameStack() { std::free(items); }
  // A new top frame; only `toplevel` and `resume` are initialised (the opcodes set the rest).
  Frame* push(bool toplevel, Resume resume) {
    if (size == cap) grow();
    Frame* f = &items[size++];
    f->toplevel = toplevel;
    f->resume = resume;
    return f;
  }
  [[gnu::noinline]] void grow() {
    cap = cap ? cap * 2 : 64;
    items = static_cast<Frame*>(std::realloc(items, cap * sizeof(Frame)));
    if (!items) std::abort();
  }
};

State::~State() { delete frames; }

void State::init(const void* d, int cs, int64_t len, int64_t p, int64_t e, int64_t groups) {
  beginning = d;
  charsize = cs;
  length = len;
  p = p < 0 ? 0 : p > len ? len : p;
  e = e < 0 ? 0 : e > len ? len : e;
  pos = start = ptr = p;
  endpos = end = e;
  match_all = must_advance = false;
  mark.assign(size_t(2 * groups + 2), -1);
  if (!frames) frames = new FrameStack();
  reset();
}

void State::reset() {
  lastmark = lastindex = -1;
  repeat = nullptr;
  repeats_used = 0;
  data.clear();
  frames->size = 0;
}

namespace {

Repeat* repeat_alloc(State& st) {
  if (st.repeats_used == st.repeat_pool.size()) st.repeat_pool.push_back(std::make_unique<Repeat>());
  return st.repeat_pool[st.repeats_used++].get();
}

// Saving and restoring marks 0..lastmark around an attempt that may clobber them.
void mark_push(State& st, int lastmark) {
  if (lastmark >= 0) st.data.insert(st.data.end(), st.mark.begin(), st.mark.begin() + lastmark + 1);
}
void mark_pop_keep(State& st, int lastmark) {
  if (lastmark >= 0) std::copy(st.data.end() - (lastmark + 1), st.data.end(), st.mark.begin());
}
void mark_pop_discard(State& st, int lastmark) {
  if (lastmark >= 0) st.data.resize(st.data.size() - size_t(lastmark + 1));
}
void mark_pop(State& st, int lastmark) {
  mark_pop_keep(st, lastmark);
  mark_pop_discard(st, lastmark);
}

template <class CharT>
bool at(const State& st, const CharT* s, int64_t ptr, Code code) {
  bool thisp, thatp;
  switch (code) {
    case AT_BEGINNING:
    case AT_BEGINNING_STRING: return ptr == 0;
    case AT_BEGINNING_LINE: return ptr == 0 || s[ptr - 1] == '\n';
    case AT_END: return (st.end - ptr == 1 && s[ptr] == '\n') || ptr == st.end;
    case AT_END_LINE: return ptr == st.end || s[ptr] == '\n';
    case AT_END_STRING: return ptr == st.end;
#define BOUNDARY(pred, want_change)                       \
  if (st.end == 0) return false;                          \
  thatp = ptr > 0 ? pred(uint32_t(s[ptr - 1])) : false;   \
  thisp = ptr < st.end ? pred(uint32_t(s[ptr])) : false;  \
  return (thisp != thatp) == want_change;
    case AT_BOUNDARY: BOUNDARY(is_word, true)
    case AT_NON_BOUNDARY: BOUNDARY(is_word, false)
    case AT_LOC_BOUNDARY: BOUNDARY(loc_is_word, true)
    case AT_LOC_NON_BOUNDARY: BOUNDARY(loc_is_word, false)
    case AT_UNI_BOUNDARY: BOUNDARY(uni_is_word, true)
    case AT_UNI_NON_BOUNDARY: BOUNDARY(uni_is_word, false)
#undef BOUNDARY
  }
  return false;
}

template <class CharT>
int64_t run(State& st, const Code* pattern, bool toplevel);

// How many times (at most maxcount) the single-character item at `pattern` matches from st.ptr.
template <class CharT>
int64_t count(State& st, const Code* pattern, int64_t maxcount) {
  const CharT* s = static_cast<const CharT*>(st.beginning);
  int64_t ptr = st.ptr, end = st.end;
  if (maxcount < end - ptr && maxcount != int64_t(kMaxRepeat)) end = ptr + maxcount;
  Code chr = pattern[1];
  switch (pattern[0]) {
    case OP_IN:
      while (ptr < end && in_charset(pattern + 2, s[ptr])) ptr++;
      break;
    case OP_ANY:
      while (ptr < end && s[ptr] != '\n') ptr++;
      break;
    case OP_ANY_ALL: ptr = end; break;
    case OP_LITERAL:
      while (ptr < end && Code(s[ptr]) == chr) ptr++;
      break;
    case OP_LITERAL_IGNORE:
      while (ptr < end && lower_ascii(s[ptr]) == chr) ptr++;
      break;
    case OP_LITERAL_UNI_IGNORE:
      while (ptr < end && lower_unicode(s[ptr]) == chr) ptr++;
      break;
    case OP_LITERAL_LOC_IGNORE:
      while (ptr < end && char_loc_ignore(chr, s[ptr])) ptr++;
      break;
    case OP_NOT_LITERAL:
      while (ptr < end && Code(s[ptr]) != chr) ptr++;
      break;
    case OP_NOT_LITERAL_IGNORE:
      while (ptr < end && lower_ascii(s[ptr]) != chr) ptr++;
      break;
    case OP_NOT_LITERAL_UNI_IGNORE:
      while (ptr < end && lower_unicode(s[ptr]) != chr) ptr++;
      break;
    case OP_NOT_LITERAL_LOC_IGNORE:
      while (ptr < end && !char_loc_ignore(chr, s[ptr])) ptr++;
      break;
    default: {  // any other one-character item: run it repeatedly
      int64_t from = st.ptr;
      while (st.ptr < end) {
        int64_t r = run<CharT>(st, pattern, false);
        if (r < 0) return r;
        if (!r) break;
      }
      return st.ptr - from;
    }
  }
  return ptr - st.ptr;
}

// The opcode interpreter. Returns 1 (match: st.ptr is its end), 0, or an error (< 0).
template <class CharT>
int64_t run(State& st, const Code* pattern, bool toplevel) {
  const CharT* s = static_cast<const CharT*>(st.beginning);
  const int64_t end = st.end;
  FrameStack& frames = *st.frames;
  const size_t base = frames.size;
  int64_t ret = 0, ptr;
  Resume resume;
  bool next_top;
  Frame* f;
  f = frames.push(toplevel, kNone);

#define FAIL do { ret = 0; goto leave; } while (0)
#define SUCCEED do { ret = 1; goto leave; } while (0)
#define ERROR_OUT(e) do { frames.size = base; return (e); } while (0)
#define SAVE_LASTMARK() (f->lastmark = st.lastmark, f->lastindex = st.lastindex)
#define RESTORE_LASTMARK() (st.lastmark = f->lastmark, st.lastindex = f->lastindex)
  // Suspend this frame and run `next` from st.ptr in a new frame; continue at `label` with
  // `ret` holding its result (f, pattern and ptr restored).
#define CALL(code, label, next, top)      \
  do {                                    \
    f->pattern = pattern;                 \
    f->ptr = ptr;                         \
    next_top = (top);                     \
    pattern = (next);                     \
    f = frames.push(next_top, (code));    \
    goto enter;                           \
  label:                                  \
    pattern = f->pattern;                 \
    ptr = f->ptr;                         \
  } while (0)

enter:
  ptr = st.ptr;
  if (pattern[0] == OP_INFO) {  // <INFO> <skip> <flags> <min> ...: too short to match?
    if (pattern[3] && uint64_t(end - ptr) < pattern[3]) FAIL;
    pattern += pattern[1] + 1;
  }

  for (;;) {
    switch (*pattern++) {
      case OP_MARK: {
        Code i = pattern[0];
        if (i & 1) st.lastindex = int(i / 2 + 1);
        if (int(i) > st.lastmark) {
          for (int j = st.lastmark + 1; j < int(i); j++) st.mark[size_t(j)] = -1;
          st.lastmark = int(i);
        }
        st.mark[i] = ptr;
        pattern++;
        break;
      }
      case OP_LITERAL:
        if (ptr >= end || Code(s[ptr]) != pattern[0]) FAIL;
        pattern++, ptr++;
        break;
      case OP_NOT_LITERAL:
        if (ptr >= end || Code(s[ptr]) == pattern[0]) FAIL;
        pattern++, ptr++;
        break;
      case OP_SUCCESS:
        if (f->toplevel && ((st.match_all && ptr != st.end) || (st.must_advance && ptr == st.start))) FAIL;
        st.ptr = ptr;
        SUCCEED;
      case OP_AT:
        if (!at(st, s, ptr, pattern[0])) FAIL;
        pattern++;
        break;
      case OP_CATEGORY:
        if (ptr >= end || !category(pattern[0], s[ptr])) FAIL;
        pattern++, ptr++;
        break;
      case OP_ANY:
        if (ptr >= end || s[ptr] == '\n') FAIL;
        ptr++;
        break;
      case OP_ANY_ALL:
        if (ptr >= end) FAIL;
        ptr++;
        break;
      case OP_IN:
        if (ptr >= end || !in_charset(pattern + 1, s[ptr])) FAIL;
        pattern += pattern[0], ptr++;
        break;
      case OP_LITERAL_IGNORE:
        if (ptr >= end || lower_ascii(s[ptr]) != pattern[0]) FAIL;
        pattern++, ptr++;
        break;
      case OP_LITERAL_UNI_IGNORE:
        if (ptr >= end || lower_unicode(s[ptr]) != pattern[0]) FAIL;
        pattern++, ptr++;
        break;
      case OP_LITERAL_LOC_IGNORE:
        if (ptr >= end || !char_loc_ignore(pattern[0], s[ptr])) FAIL;
        pattern++, ptr++;
        break;
      case OP_NOT_LITERAL_IGNORE:
        if (ptr >= end || lower_ascii(s[ptr]) == pattern[0]) FAIL;
        pattern++, ptr++;
        break;
      case OP_NOT_LITERAL_UNI_IGNORE:
        if (ptr >= end || lower_unicode(s[ptr]) == pattern[0]) FAIL;
        pattern++, ptr++;
        break;
      case OP_NOT_LITERAL_LOC_IGNORE:
        if (ptr >= end || char_loc_ignore(pattern[0], s[ptr])) FAIL;
        pattern++, ptr++;
        break;
      case OP_IN_IGNORE:
        if (ptr >= end || !in_charset(pattern + 1, lower_ascii(s[ptr]))) FAIL;
        pattern += pattern[0], ptr++;
        break;
      case OP_IN_UNI_IGNORE:
        if (ptr >= end || !in_charset(pattern + 1, lower_unicode(s[ptr]))) FAIL;
        pattern += pattern[0], ptr++;
        break;
      case OP_IN_LOC_IGNORE:
        if (ptr >= end || !in_charset_loc_ignore(pattern + 1, s[ptr])) FAIL;
        pattern += pattern[0], ptr++;
        break;
      case OP_JUMP:
      case OP_INFO:
        pattern += pattern[0];
        break;

      case OP_BRANCH:  // <BRANCH> <skip> alternative <JUMP> ... <0>
        SAVE_LASTMARK();
        if (st.repeat) mark_push(st, f->lastmark);
        for (; pattern[0]; pattern += pattern[0]) {
          // Skip alternatives whose first character cannot match.
          if (pattern[1] == OP_LITERAL && (ptr >= end || Code(s[ptr]) != pattern[2])) continue;
          if (pattern[1] == OP_IN && (ptr >= end || !in_charset(pattern + 3, s[ptr]))) continue;
          st.ptr = ptr;
          CALL(kBranch, resume_branch, pattern + 1, f->toplevel);
          if (ret) {
            if (st.repeat) mark_pop_discard(st, f->lastmark);
            if (ret < 0) ERROR_OUT(ret);
            SUCCEED;
          }
          if (st.repeat) mark_pop_keep(st, f->lastmark);
          RESTORE_LASTMARK();
        }
        if (st.repeat) mark_pop_discard(st, f->lastmark);
        FAIL;

      case OP_REPEAT_ONE: {  // <REPEAT_ONE> <skip> <min> <max> item <SUCCESS> tail: greedy
        if (int64_t(pattern[1]) > end - ptr) FAIL;
        st.ptr = ptr;
        ret = count<CharT>(st, pattern + 3, pattern[2]);
        if (ret < 0) ERROR_OUT(ret);
        f = &frames.items[frames.size - 1];
        f->count = ret;
        ptr += f->count;
        if (f->count < int64_t(pattern[1])) FAIL;
        if (pattern[pattern[0]] == OP_SUCCESS && ptr == st.end &&
            !(f->toplevel && st.must_advance && ptr == st.start)) {
          st.ptr = ptr;  // the tail is empty: done
          SUCCEED;
        }
        SAVE_LASTMARK();
        if (st.repeat) mark_push(st, f->lastmark);
        if (pattern[pattern[0]] == OP_LITERAL) {
          // The tail starts with a literal: only try the counts where it follows.
          f->chr = pattern[pattern[0] + 1];
          for (;;) {
            while (f->count >= int64_t(pattern[1]) && (ptr >= end || Code(s[ptr]) != f->chr)) {
              ptr--;
              f->count--;
            }
            if (f->count < int64_t(pattern[1])) break;
            st.ptr = ptr;
            CALL(kRepeatOne1, resume_repeat_one_1, pattern + pattern[0], f->toplevel);
            if (ret) {
              if (st.repeat) mark_pop_discard(st, f->lastmark);
              if (ret < 0) ERROR_OUT(ret);
              SUCCEED;
            }
            if (st.repeat) mark_pop_keep(st, f->lastmark);
            RESTORE_LASTMARK();
            ptr--;
            f->count--;
          }
        } else {
          while (f->count >= int64_t(pattern[1])) {
            st.ptr = ptr;
            CALL(kRepeatOne2, resume_repeat_one_2, pattern + pattern[0], f->toplevel);
            if (ret) {
              if (st.repeat) mark_pop_discard(st, f->lastmark);
              if (ret < 0) ERROR_OUT(ret);
              SUCCEED;
            }
            if (st.repeat) mark_pop_keep(st, f->lastmark);
            RESTORE_LASTMARK();
            ptr--;
            f->count--;
          }
        }
        if (st.repeat) mark_pop_discard(st, f->lastmark);
        FAIL;
      }

      case OP_MIN_REPEAT_ONE: {  // <MIN_REPEAT_ONE> <skip> <min> <max> item <SUCCESS> tail: lazy
        if (int64_t(pattern[1]) > end - ptr) FAIL;
        st.ptr = ptr;
        if (pattern[1] == 0) {
          f->count = 0;
        } else {
          ret = count<CharT>(st, pattern + 3, pattern[1]);
          if (ret < 0) ERROR_OUT(ret);
          f = &frames.items[frames.size - 1];
          if (ret < int64_t(pattern[1])) FAIL;
          f->count = ret;
          ptr += f->count;
        }
        if (pattern[pattern[0]] == OP_SUCCESS &&
            !(f->toplevel && ((st.match_all && ptr != st.end) || (st.must_advance && ptr == st.start)))) {
          st.ptr = ptr;
          SUCCEED;
        }
        SAVE_LASTMARK();
        if (st.repeat) mark_push(st, f->lastmark);
        while (pattern[2] == kMaxRepeat || f->count <= int64_t(pattern[2])) {
          st.ptr = ptr;
          CALL(kMinRepeatOne, resume_min_repeat_one, pattern + pattern[0], f->toplevel);
          if (ret) {
            if (st.repeat) mark_pop_discard(st, f->lastmark);
            if (ret < 0) ERROR_OUT(ret);
            SUCCEED;
          }
          if (st.repeat) mark_pop_keep(st, f->lastmark);
          RESTORE_LASTMARK();
          st.ptr = ptr;
          ret = count<CharT>(st, pattern + 3, 1);
          if (ret < 0) ERROR_OUT(ret);
          f = &frames.items[frames.size - 1];
          if (ret == 0) break;
          ptr++;
          f->count++;
        }
        if (st.repeat) mark_pop_discard(st, f->lastmark);
        FAIL;
      }

      case OP_POSSESSIVE_REPEAT_ONE: {  // greedy without backtracking into the item
        if (ptr + int64_t(pattern[1]) > end) FAIL;
        st.ptr = ptr;
        ret = count<CharT>(st, pattern + 3, pattern[2]);
        if (ret < 0) ERROR_OUT(ret);
        f = &frames.items[frames.size - 1];
        f->count = ret;
        ptr += f->count;
        if (f->count < int64_t(pattern[1])) FAIL;
        pattern += pattern[0];
        if (*pattern == OP_SUCCESS && ptr == st.end && !(f->toplevel && st.must_advance && ptr == st.start)) {
          st.ptr = ptr;
          SUCCEED;
        }
        break;
      }

      case OP_REPEAT: {  // <REPEAT> <skip> <min> <max> item <MAX_UNTIL|MIN_UNTIL> tail
        f->rep = repeat_alloc(st);
        f->rep->count = -1;
        f->rep->pattern = pattern;
        f->rep->prev = st.repeat;
        f->rep->last_ptr = -1;
        st.repeat = f->rep;
        st.ptr = ptr;
        CALL(kRepeat, resume_repeat, pattern + pattern[0], f->toplevel);
        st.repeat = f->rep->prev;
        st.repeats_used--;
        if (ret) {
          if (ret < 0) ERROR_OUT(ret);
          SUCCEED;
        }
        FAIL;
      }

      case OP_MAX_UNTIL:  // end of a greedy REPEAT's item: one more, else the tail
        f->rep = st.repeat;
        if (!f->rep) ERROR_OUT(kErrorState);
        st.ptr = ptr;
        f->count = f->rep->count + 1;
        if (f->count < int64_t(f->rep->pattern[1])) {  // not enough yet
          f->rep->count = f->count;
          CALL(kMaxUntil1, resume_max_until_1, f->rep->pattern + 3, f->toplevel);
          if (ret) {
            if (ret < 0) ERROR_OUT(ret);
            SUCCEED;
          }
          f->rep->count = f->count - 1;
          st.ptr = ptr;
          FAIL;
        }
        if ((f->count < int64_t(f->rep->pattern[2]) || f->rep->pattern[2] == kMaxRepeat) &&
            st.ptr != f->rep->last_ptr) {
          // Enough matches, but try one more (unless the last one was empty).
          f->rep->count = f->count;
          SAVE_LASTMARK();
          mark_push(st, f->lastmark);
          st.data.push_back(f->rep->last_ptr);
          f->rep->last_ptr = st.ptr;
          CALL(kMaxUntil2, resume_max_until_2, f->rep->pattern + 3, f->toplevel);
          f->rep->last_ptr = st.data.back();
          st.data.pop_back();
          if (ret) {
            mark_pop_discard(st, f->lastmark);
            if (ret < 0) ERROR_OUT(ret);
            SUCCEED;
          }
          mark_pop(st, f->lastmark);
          RESTORE_LASTMARK();
          f->rep->count = f->count - 1;
          st.ptr = ptr;
        }
        // No more items here: the tail must match.
        st.repeat = f->rep->prev;
        CALL(kMaxUntil3, resume_max_until_3, pattern, f->toplevel);
        st.repeat = f->rep;
        if (ret) {
          if (ret < 0) ERROR_OUT(ret);
          SUCCEED;
        }
        st.ptr = ptr;
        FAIL;

      case OP_MIN_UNTIL: {  // end of a lazy REPEAT's item: the tail first, else one more
        f->rep = st.repeat;
        if (!f->rep) ERROR_OUT(kErrorState);
        st.ptr = ptr;
        f->count = f->rep->count + 1;
        if (f->count < int64_t(f->rep->pattern[1])) {
          f->rep->count = f->count;
          CALL(kMinUntil1, resume_min_until_1, f->rep->pattern + 3, f->toplevel);
          if (ret) {
            if (ret < 0) ERROR_OUT(ret);
            SUCCEED;
          }
          f->rep->count = f->count - 1;
          st.ptr = ptr;
          FAIL;
        }
        st.repeat = f->rep->prev;
        SAVE_LASTMARK();
        if (st.repeat) mark_push(st, f->lastmark);
        CALL(kMinUntil2, resume_min_until_2, pattern, f->toplevel);
        {
          Repeat* repeat_of_tail = st.repeat;
          st.repeat = f->rep;
          if (ret) {
            if (repeat_of_tail) mark_pop_discard(st, f->lastmark);
            if (ret < 0) ERROR_OUT(ret);
            SUCCEED;
          }
          if (repeat_of_tail) mark_pop(st, f->lastmark);
        }
        RESTORE_LASTMARK();
        st.ptr = ptr;
        if ((f->count >= int64_t(f->rep->pattern[2]) && f->rep->pattern[2] != kMaxRepeat) ||
            st.ptr == f->rep->last_ptr)
          FAIL;
        f->rep->count = f->count;
        st.data.push_back(f->rep->last_ptr);
        f->rep->last_ptr = st.ptr;
        CALL(kMinUntil3, resume_min_until_3, f->rep->pattern + 3, f->toplevel);
        f->rep->last_ptr = st.data.back();
        st.data.pop_back();
        if (ret) {
          if (ret < 0) ERROR_OUT(ret);
          SUCCEED;
        }
        f->rep->count = f->count - 1;
        st.ptr = ptr;
        FAIL;
      }

      case OP_POSSESSIVE_REPEAT:  // <POSSESSIVE_REPEAT> <skip> <min> <max> item <SUCCESS> tail
        st.ptr = ptr;
        f->count = 0;
        while (f->count < int64_t(pattern[1])) {
          CALL(kPossRepeat1, resume_poss_repeat_1, pattern + 3, false);
          if (!ret) {
            st.ptr = ptr;
            FAIL;
          }
          if (ret < 0) ERROR_OUT(ret);
          f->count++;
        }
        ptr = -1;  // so that the loop below is entered
        while ((f->count < int64_t(pattern[2]) || pattern[2] == kMaxRepeat) && st.ptr != ptr) {
          SAVE_LASTMARK();
          mark_push(st, f->lastmark);
          ptr = st.ptr;  // an empty iteration ends the loop
          CALL(kPossRepeat2, resume_poss_repeat_2, pattern + 3, false);
          if (!ret) {
            mark_pop(st, f->lastmark);
            RESTORE_LASTMARK();
            st.ptr = ptr;
            break;
          }
          mark_pop_discard(st, f->lastmark);
          if (ret < 0) ERROR_OUT(ret);
          f->count++;
        }
        pattern += pattern[0] + 1;
        ptr = st.ptr;
        break;

      case OP_ATOMIC_GROUP:  // <ATOMIC_GROUP> <skip> pattern <SUCCESS> tail
        st.ptr = ptr;
        CALL(kAtomicGroup, resume_atomic_group, pattern + 1, false);
        if (ret < 0) ERROR_OUT(ret);
        if (!ret) {
          st.ptr = ptr;
          FAIL;
        }
        pattern += pattern[0];
        ptr = st.ptr;
        break;

      case OP_GROUPREF:
      case OP_GROUPREF_IGNORE:
      case OP_GROUPREF_UNI_IGNORE:
      case OP_GROUPREF_LOC_IGNORE: {
        Code op = pattern[-1];
        int64_t g = int64_t(pattern[0]) * 2;
        if (g >= st.lastmark) FAIL;
        int64_t p = st.mark[size_t(g)], e = st.mark[size_t(g) + 1];
        if (p < 0 || e < 0 || e < p) FAIL;
        if (end - ptr < e - p) FAIL;
        for (; p < e; p++, ptr++) {
          uint32_t a = s[ptr], b = s[p];
          bool same = op == OP_GROUPREF ? a == b
                      : op == OP_GROUPREF_IGNORE ? lower_ascii(a) == lower_ascii(b)
                      : op == OP_GROUPREF_UNI_IGNORE ? lower_unicode(a) == lower_unicode(b)
                                                     : lower_locale(a) == lower_locale(b);
          if (!same) FAIL;
        }
        pattern++;
        break;
      }

      case OP_GROUPREF_EXISTS: {  // <GROUPREF_EXISTS> <group> <skip> yes <JUMP> no
        int64_t g = int64_t(pattern[0]) * 2;
        bool matched = g < st.lastmark;
        if (matched) {
          int64_t p = st.mark[size_t(g)], e = st.mark[size_t(g) + 1];
          matched = p >= 0 && e >= 0 && e >= p;
        }
        pattern += matched ? 2 : pattern[1];
        break;
      }

      case OP_ASSERT:  // <ASSERT> <skip> <back> pattern
        if (ptr < int64_t(pattern[1])) FAIL;
        st.ptr = ptr - pattern[1];
        CALL(kAssert, resume_assert, pattern + 2, false);
        if (ret < 0) ERROR_OUT(ret);
        if (!ret) FAIL;
        pattern += pattern[0];
        break;

      case OP_ASSERT_NOT:  // <ASSERT_NOT> <skip> <back> pattern
        if (ptr >= int64_t(pattern[1])) {
          st.ptr = ptr - pattern[1];
          SAVE_LASTMARK();
          if (st.repeat) mark_push(st, f->lastmark);
          CALL(kAssertNot, resume_assert_not, pattern + 2, false);
          if (ret) {
            if (st.repeat) mark_pop_discard(st, f->lastmark);
            if (ret < 0) ERROR_OUT(ret);
            FAIL;
          }
          if (st.repeat) mark_pop(st, f->lastmark);
          RESTORE_LASTMARK();
        }
        pattern += pattern[0];
        break;

      case OP_FAILURE: FAIL;

      default: ERROR_OUT(kErrorIllegal);
    }
  }

leave:
  resume = f->resume;
  if (--frames.size == base) return ret;
  f = &frames.items[frames.size - 1];
  switch (resume) {
    case kMaxUntil1: goto resume_max_until_1;
    case kMaxUntil2: goto resume_max_until_2;
    case kMaxUntil3: goto resume_max_until_3;
    case kMinUntil1: goto resume_min_until_1;
    case kMinUntil2: goto resume_min_until_2;
    case kMinUntil3: goto resume_min_until_3;
    case kRepeat: goto resume_repeat;
    case kRepeatOne1: goto resume_repeat_one_1;
    case kRepeatOne2: goto resume_repeat_one_2;
    case kMinRepeatOne: goto resume_min_repeat_one;
    case kBranch: goto resume_branch;
    case kAssert: goto resume_assert;
    case kAssertNot: goto resume_assert_not;
    case kPossRepeat1: goto resume_poss_repeat_1;
    case kPossRepeat2: goto resume_poss_repeat_2;
    case kAtomicGroup: goto resume_atomic_group;
    case kNone: break;
  }
  ERROR_OUT(kErrorState);
#undef FAIL
#undef SUCCEED
#undef ERROR_OUT
#undef SAVE_LASTMARK
#undef RESTORE_LASTMARK
#undef CALL
}

template <class CharT>
int64_t search(State& st, const Code* pattern) {
  const CharT* s = static_cast<const CharT*>(st.beginning);
  int64_t ptr = st.start, end = st.end;
  int64_t status = 0, prefix_len = 0, prefix_skip = 0;
  const Code *prefix = nullptr, *charset = nullptr, *overlap = nullptr;
  Code flags = 0;
  if (ptr > end) return 0;
  if (pattern[0] == OP_INFO) {  // <INFO> <skip> <flags> <min> <max> <prefix or charset>
    flags = pattern[2];
    if (pattern[3] && end - ptr < int64_t(pattern[3])) return 0;
    if (pattern[3] > 1) {  // leave at least one character so the literal search works
      end -= pattern[3] - 1;
      if (end <= ptr) end = ptr;
    }
    if (flags & kInfoPrefix) {  // <length> <skip> <prefix> <overlap table>
      prefix_len = pattern[5];
      prefix_skip = pattern[6];
      prefix = pattern + 7;
      overlap = prefix + prefix_len - 1;
    } else if (flags & kInfoCharset) {
      charset = pattern + 5;
    }
    pattern += 1 + pattern[1];
  }
  auto reset_capture = [&] { st.lastmark = st.lastindex = -1; };

  if (prefix_len == 1) {  // starts with a literal character
    Code c = prefix[0];
    if (sizeof(CharT) == 1 && c > 0xFF) return 0;
    end = st.end;
    st.must_advance = false;
    while (ptr < end) {
      while (Code(s[ptr]) != c)
        if (++ptr >= end) return 0;
      st.start = ptr;
      st.ptr = ptr + prefix_skip;
      if (flags & kInfoLiteral) return 1;  // the prefix is the whole pattern
      status = run<CharT>(st, pattern + 2 * prefix_skip, false);
      if (status != 0) return status;
      ++ptr;
      reset_capture();
    }
    return 0;
  }

  if (prefix_len > 1) {  // a literal prefix: KMP with the overlap table
    end = st.end;
    if (prefix_len > end - ptr) return 0;
    if (sizeof(CharT) == 1)
      for (int64_t i = 0; i < prefix_len; i++)
        if (prefix[i] > 0xFF) return 0;
    while (ptr < end) {
      Code c = prefix[0];
      while (Code(s[ptr++]) != c)
        if (ptr >= end) return 0;
      if (ptr >= end) return 0;
      int64_t i = 1;
      st.must_advance = false;
      do {
        if (Code(s[ptr]) == prefix[i]) {
          if (++i != prefix_len) {
            if (++ptr >= end) return 0;
            continue;
          }
          st.start = ptr - (prefix_len - 1);
          st.ptr = ptr - (prefix_len - prefix_skip - 1);
          if (flags & kInfoLiteral) return 1;
          status = run<CharT>(st, pattern + 2 * prefix_skip, false);
          if (status != 0) return status;
          if (++ptr >= end) return 0;
          reset_capture();
        }
        i = overlap[i];
      } while (i != 0);
    }
    return 0;
  }

  if (charset) {  // starts with a character from a known set
    end = st.end;
    st.must_advance = false;
    for (;;) {
      while (ptr < end && !in_charset(charset, s[ptr])) ptr++;
      if (ptr >= end) return 0;
      st.start = st.ptr = ptr;
      status = run<CharT>(st, pattern, false);
      if (status != 0) break;
      ptr++;
      reset_capture();
    }
    return status;
  }

  // General case: try every position.
  st.start = st.ptr = ptr;
  status = run<CharT>(st, pattern, true);
  st.must_advance = false;
  if (status == 0 && pattern[0] == OP_AT && (pattern[1] == AT_BEGINNING || pattern[1] == AT_BEGINNING_STRING)) {
    st.start = st.ptr = end;
    return 0;
  }
  while (status == 0 && ptr < end) {
    ptr++;
    reset_capture();
    st.start = st.ptr = ptr;
    status = run<CharT>(st, pattern, false);
  }
  return status;
}

}  // namespace

int64_t sre_match(State& st, const Code* pattern) {
  return st.charsize == 1 ? run<uint8_t>(st, pattern, true) : run<uint32_t>(st, pattern, true);
}

int64_t sre_search(State& st, const Code* pattern) {
  return st.charsize == 1 ? search<uint8_t>(st, pattern) : search<uint32_t>(st, pattern);
}

// -- Validation ------------------------------------------------------------------------------
// The structure re/_compiler.py emits, checked before a Pattern exists so that the matcher may
// trust every skip and operand (CPython's _validate, same acceptance).
namespace {

struct Validator {
  int64_t groups;

  bool charset(const Code* code, const Code* end) {
    while (code < end) {
      Code op = *code++;
      switch (op) {
        case OP_NEGATE: break;
        case OP_LITERAL:
          if (code >= end) return false;
          code++;
          break;
        case OP_RANGE:
        case OP_RANGE_UNI_IGNORE:
          if (end - code < 2) return false;
          code += 2;
          break;
        case OP_CHARSET:
          if (end - code < 8) return false;
          code += 8;
          break;
        case OP_BIGCHARSET: {
          if (code >= end) return false;
          Code blocks = *code++;
          if (end - code < 64) return false;
          for (int i = 0; i < 256; i++)
            if (reinterpret_cast<const uint8_t*>(code)[i] >= blocks) return false;
          code += 64;
          if (uint64_t(end - code) < uint64_t(blocks) * 8) return false;
          code += blocks * 8;
          break;
        }
        case OP_CATEGORY:
          if (code >= end || *code >= kNumCategories) return false;
          code++;
          break;
        default: return false;
      }
    }
    return true;
  }

  // 0: valid, -1: invalid, 1: valid and the last op is a JUMP (the "then" part of a conditional).
  int inner(const Code* code, const Code* end) {
    if (code > end) return -1;
    while (code < end) {
      Code op = *code++;
      Code skip, arg;
#define NEED(n) if (end - code < (n)) return -1
#define GET_SKIP(adj) NEED(1); skip = *code; if (int64_t(skip) - (adj) > end - code) return -1; code++
      switch (op) {
        case OP_MARK:
          NEED(1);
          if (int64_t(*code++) > 2 * groups + 1) return -1;
          break;
        case OP_LITERAL: case OP_NOT_LITERAL: case OP_LITERAL_IGNORE: case OP_NOT_LITERAL_IGNORE:
        case OP_LITERAL_UNI_IGNORE: case OP_NOT_LITERAL_UNI_IGNORE: case OP_LITERAL_LOC_IGNORE:
        case OP_NOT_LITERAL_LOC_IGNORE:
          NEED(1);
          code++;
          break;
        case OP_SUCCESS: case OP_FAILURE: case OP_ANY: case OP_ANY_ALL: break;
        case OP_AT:
          NEED(1);
          if (*code++ >= kNumAtCodes) return -1;
          break;
        case OP_CATEGORY:  // not emitted outside sets, but harmless
          NEED(1);
          if (*code++ >= kNumCategories) return -1;
          break;
        case OP_IN: case OP_IN_IGNORE: case OP_IN_UNI_IGNORE: case OP_IN_LOC_IGNORE:
          GET_SKIP(0);
          if (skip < 2) return -1;
          if (!charset(code, code + skip - 2) || code[skip - 2] != OP_FAILURE) return -1;
          code += skip - 1;
          break;
        case OP_INFO: {
          GET_SKIP(0);
          if (skip < 1) return -1;
          const Code* next = code + skip - 1;
          if (next - code < 3) return -1;
          Code flags = *code++;
          code += 2;  // min, max
          if (flags & ~Code(kInfoPrefix | kInfoLiteral | kInfoCharset)) return -1;
          if ((flags & kInfoPrefix) && (flags & kInfoCharset)) return -1;
          if ((flags & kInfoLiteral) && !(flags & kInfoPrefix)) return -1;
          if (flags & kInfoPrefix) {
            if (next - code < 2) return -1;
            Code len = *code++;
            code++;  // prefix skip
            if (len > uint64_t(next - code)) return -1;
            code += len;
            if (len > uint64_t(next - code)) return -1;
            for (Code i = 0; i < len; i++)
              if (code[i] >= len) return -1;
            code += len;
          }
          if (flags & kInfoCharset) {
            if (next <= code || !charset(code, next - 1) || next[-1] != OP_FAILURE) return -1;
            code = next;
          } else if (code != next) {
            return -1;
          }
          break;
        }
        case OP_BRANCH: {
          const Code* target = nullptr;
          for (;;) {
            GET_SKIP(0);
            if (skip == 0) break;
            if (skip < 3) return -1;
            if (inner(code, code + skip - 3) != 0) return -1;
            code += skip - 3;
            NEED(1);
            if (*code++ != OP_JUMP) return -1;
            GET_SKIP(0);
            if (!target) target = code + skip - 1;
            else if (code + skip - 1 != target) return -1;
          }
          if (code != target) return -1;
          break;
        }
        case OP_REPEAT_ONE: case OP_MIN_REPEAT_ONE: case OP_POSSESSIVE_REPEAT_ONE: {
          GET_SKIP(0);
          NEED(2);
          Code min = *code++, max = *code++;
          if (min > max || skip < 4) return -1;
          if (inner(code, code + skip - 4) != 0) return -1;
          code += skip - 4;
          NEED(1);
          if (*code++ != OP_SUCCESS) return -1;
          break;
        }
        case OP_REPEAT: case OP_POSSESSIVE_REPEAT: {
          GET_SKIP(0);
          NEED(2);
          Code min = *code++, max = *code++;
          if (min > max || skip < 3) return -1;
          if (inner(code, code + skip - 3) != 0) return -1;
          code += skip - 3;
          NEED(1);
          arg = *code++;
          if (op == OP_REPEAT ? (arg != OP_MAX_UNTIL && arg != OP_MIN_UNTIL) : arg != OP_SUCCESS) return -1;
          break;
        }
        case OP_ATOMIC_GROUP: {
          GET_SKIP(0);
          if (skip < 2) return -1;
          if (inner(code, code + skip - 2) != 0) return -1;
          code += skip - 2;
          if (*code++ != OP_SUCCESS) return -1;
          break;
        }
        case OP_GROUPREF: case OP_GROUPREF_IGNORE: case OP_GROUPREF_UNI_IGNORE: case OP_GROUPREF_LOC_IGNORE:
          NEED(1);
          if (int64_t(*code++) >= groups) return -1;
          break;
        case OP_GROUPREF_EXISTS: {
          NEED(1);
          if (int64_t(*code++) >= groups) return -1;
          GET_SKIP(1);
          code--;  // the skip counts from its own position
          if (skip < 2) return -1;
          int rc = inner(code + 1, code + skip - 1);
          if (rc == 1) {  // then-part ends with JUMP: an else-part follows
            code += skip - 2;
            GET_SKIP(0);
            if (skip < 1) return -1;
            rc = inner(code, code + skip - 1);
          }
          if (rc) return -1;
          code += skip - 1;
          break;
        }
        case OP_ASSERT: case OP_ASSERT_NOT: {
          GET_SKIP(0);
          NEED(1);
          if (*code & 0x80000000u) return -1;  // lookbehind too wide
          if (skip < 3) return -1;
          if (inner(code + 1, code + skip - 2) != 0) return -1;
          code += skip - 2;
          if (*code++ != OP_SUCCESS) return -1;
          break;
        }
        case OP_JUMP:
          if (code + 1 != end) return -1;
          return 1;
        default: return -1;
      }
#undef NEED
#undef GET_SKIP
    }
    return 0;
  }
};

}  // namespace

bool sre_validate(const Code* code, size_t n, int64_t groups) {
  if (groups < 0 || groups > kMaxGroups || n == 0 || code[n - 1] != OP_SUCCESS) return false;
  Validator v{groups};
  return v.inner(code, code + n - 1) == 0;
}

}  // namespace chaipy::sre
