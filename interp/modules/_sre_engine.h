// interp/modules/_sre_engine.h — the regular-expression matcher behind `_sre`: it runs the
// opcode lists CPython's re/_compiler.py emits (the instruction set of re/_constants.py, MAGIC
// 20220615) over str or bytes subjects, with CPython 3.11's backtracking order.
//
// Contract: a State describes one subject (a contiguous array of 1-byte or 4-byte code units,
// positions are indices into it) and the matching registers (marks, lastmark, lastindex).
// sre_match() anchors at state.ptr, sre_search() scans from state.start; both return 1 on a
// match (span state.start..state.ptr, groups in state.mark), 0 on failure, or a negative error
// code. The code must have passed sre_validate(): the matcher trusts every offset in it.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace chaipy::sre {

using Code = uint32_t;
constexpr Code kMaxRepeat = 0xFFFFFFFFu;         // _sre.MAXREPEAT
constexpr int64_t kMaxGroups = 0x3FFFFFFF;       // _sre.MAXGROUPS (INT32_MAX / 2)
constexpr int64_t kMagic = 20220615;             // _sre.MAGIC == re._constants.MAGIC

// -- The instruction set (re/_constants.py, in its order) -----------------------------------
#define SRE_OPCODES(X)                                                                          \
  X(FAILURE) X(SUCCESS) X(ANY) X(ANY_ALL) X(ASSERT) X(ASSERT_NOT) X(AT) X(BRANCH) X(CATEGORY)   \
  X(CHARSET) X(BIGCHARSET) X(GROUPREF) X(GROUPREF_EXISTS) X(IN) X(INFO) X(JUMP) X(LITERAL)      \
  X(MARK) X(MAX_UNTIL) X(MIN_UNTIL) X(NOT_LITERAL) X(NEGATE) X(RANGE) X(REPEAT) X(REPEAT_ONE)   \
  X(SUBPATTERN) X(MIN_REPEAT_ONE) X(ATOMIC_GROUP) X(POSSESSIVE_REPEAT) X(POSSESSIVE_REPEAT_ONE) \
  X(GROUPREF_IGNORE) X(IN_IGNORE) X(LITERAL_IGNORE) X(NOT_LITERAL_IGNORE)                       \
  X(GROUPREF_LOC_IGNORE) X(IN_LOC_IGNORE) X(LITERAL_LOC_IGNORE) X(NOT_LITERAL_LOC_IGNORE)       \
  X(GROUPREF_UNI_IGNORE) X(IN_UNI_IGNORE) X(LITERAL_UNI_IGNORE) X(NOT_LITERAL_UNI_IGNORE)       \
  X(RANGE_UNI_IGNORE)
#define SRE_ATCODES(X)                                                                        \
  X(BEGINNING) X(BEGINNING_LINE) X(BEGINNING_STRING) X(BOUNDARY) X(NON_BOUNDARY) X(END)       \
  X(END_LINE) X(END_STRING) X(LOC_BOUNDARY) X(LOC_NON_BOUNDARY) X(UNI_BOUNDARY) X(UNI_NON_BOUNDARY)
#define SRE_CHCODES(X)                                                                        \
  X(DIGIT) X(NOT_DIGIT) X(SPACE) X(NOT_SPACE) X(WORD) X(NOT_WORD) X(LINEBREAK) X(NOT_LINEBREAK) \
  X(LOC_WORD) X(LOC_NOT_WORD) X(UNI_DIGIT) X(UNI_NOT_DIGIT) X(UNI_SPACE) X(UNI_NOT_SPACE)     \
  X(UNI_WORD) X(UNI_NOT_WORD) X(UNI_LINEBREAK) X(UNI_NOT_LINEBREAK)

#define X(name) OP_##name,
enum Opcode : Code { SRE_OPCODES(X) kNumOpcodes };
#undef X
#define X(name) AT_##name,
enum AtCode : Code { SRE_ATCODES(X) kNumAtCodes };
#undef X
#define X(name) CAT_##name,
enum CategoryCode : Code { SRE_CHCODES(X) kNumCategories };
#undef X
static_assert(kNumOpcodes == 43 && kNumAtCodes == 12 && kNumCategories == 18, "re/_constants.py order");

// Flags (re/_constants.py SRE_FLAG_*) and INFO block flags.
enum : int64_t {
  kFlagTemplate = 1, kFlagIgnoreCase = 2, kFlagLocale = 4, kFlagMultiline = 8, kFlagDotAll = 16,
  kFlagUnicode = 32, kFlagVerbose = 64, kFlagDebug = 128, kFlagAscii = 256,
};
enum : Code { kInfoPrefix = 1, kInfoLiteral = 2, kInfoCharset = 4 };

// Negative results of sre_match / sre_search.
enum : int64_t { kErrorIllegal = -1, kErrorState = -2, kErrorMemory = -9 };

// -- Matching state -------------------------------------------------------------------------
struct Repeat {        // an active REPEAT ... MAX_UNTIL/MIN_UNTIL loop
  int64_t count;
  const Code* pattern; // the REPEAT instruction's operands (skip, min, max)
  int64_t last_ptr;    // zero-width iteration guard
  Repeat* prev;
};

struct FrameStack;     // the suspended opcodes of the backtracking machine (_sre_engine.cpp)

struct State {
  const void* beginning = nullptr;  // code units of the subject
  int charsize = 1;                 // 1 (bytes, ASCII str) or 4 (decoded str)
  int64_t length = 0;               // in code units
  int64_t start = 0, end = 0, ptr = 0;
  int64_t pos = 0, endpos = 0;      // the caller's adjusted pos / endpos
  std::vector<int64_t> mark;        // 2 per group; -1 = unset
  int lastmark = -1, lastindex = -1;
  bool match_all = false, must_advance = false;
  Repeat* repeat = nullptr;
  // Scratch reused across calls: saved marks, suspended frames, repeat records.
  std::vector<int64_t> data;
  FrameStack* frames = nullptr;
  std::vector<std::unique_ptr<Repeat>> repeat_pool;
  size_t repeats_used = 0;

  State() = default;
  State(const State&) = delete;
  State& operator=(const State&) = delete;
  ~State();
  void init(const void* data, int charsize, int64_t length, int64_t pos, int64_t endpos, int64_t groups);
  void reset();  // before each search of a loop (findall, sub, scanner): clears the registers
};

int64_t sre_match(State& state, const Code* pattern);   // anchored at state.ptr (= start)
int64_t sre_search(State& state, const Code* pattern);  // first match at or after state.start
// Checks code as CPython's _validate does; false means "invalid SRE code".
bool sre_validate(const Code* code, size_t n, int64_t groups);

// -- Character classes and case (also behind _sre.unicode_tolower etc.) ----------------------
uint32_t lower_ascii(uint32_t ch);
uint32_t lower_unicode(uint32_t ch);
uint32_t upper_unicode(uint32_t ch);
bool is_ascii_alpha(uint32_t ch);

}  // namespace chaipy::sre
