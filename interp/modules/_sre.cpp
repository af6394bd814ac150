// interp/modules/_sre.cpp — the `_sre` module under `re`: _sre.compile() turns the opcode list
// re/_compiler.py produced into a re.Pattern; re.Pattern, re.Match and _sre.SRE_Scanner with
// CPython 3.11's API, results and error messages. The matcher is _sre_engine.cpp.
//
// Subjects: bytes and ASCII str are matched in place (one byte per character); any other str
// is decoded once into a code-point array (cached for the last such string, so a tokenizer
// calling pattern.match(text, pos) in a loop decodes the text once). Match objects keep only
// character indices and slice the original string when a group is asked for.
#include <algorithm>
#include <cstring>

#include "interp/gc.h"
#include "interp/modules/_sre_engine.h"
#include "interp/modules/modules.h"
#include "interp/objects/objects.h"
#include "interp/runtime.h"

namespace chaipy {

namespace {

using sre::Code;

TypeObject *g_pattern_type, *g_match_type, *g_scanner_type;

struct PatternObject : Object {
  Value pattern;     // the source: str, bytes or None
  Value groupindex;  // dict name -> group number
  Value indexgroup;  // tuple group number -> name (or None), or None
  int64_t flags;
  int64_t groups;    // capturing groups
  int isbytes;       // 1 bytes pattern, 0 str pattern, -1 no pattern
  size_t codesize;
  Code code[];
};

struct MatchObject : Object {
  PatternObject* pattern;
  Value string;
  Value regs;        // null until asked for
  int64_t pos, endpos, lastindex;
  int64_t groups;    // including group 0
  int64_t mark[];    // start, end of each group; -1 when it did not participate
};

// -- Subjects -------------------------------------------------------------------------------
struct Subject {
  const void* data = nullptr;
  int charsize = 1;
  int64_t length = 0;
  bool isbytes = false;
  std::shared_ptr<const std::vector<uint32_t>> decoded;  // keeps a decoded str's code points
  BufferView view;                                       // held for bytearray, memoryview, ...
  Subject() = default;
  Subject(const Subject&) = delete;
  Subject& operator=(const Subject&) = delete;
  ~Subject() { release_buffer(&view); }
};

Value g_decoded_key;  // the str whose code points g_decoded holds (a GC root)
std::shared_ptr<const std::vector<uint32_t>> g_decoded;

bool is_exact_bytes(Value v) { return v.is_obj() && v.as_obj()->type == types::bytes; }
bool is_bytes_like(Value v) { return is_exact_bytes(v) || is_buffer(v); }

bool get_subject(Value string, Subject* out) {
  if (is_str(string)) {
    StrObject* s = as_str(string);
    out->isbytes = false;
    out->length = int64_t(s->length);
    if (s->ascii) {
      out->data = s->data;
      out->charsize = 1;
      return true;
    }
    if (g_decoded_key != string) {
      auto v = std::make_shared<std::vector<uint32_t>>(s->length);
      const char* p = s->data;
      for (uint64_t i = 0; i < s->length; i++) {
        int len;
        (*v)[i] = utf8_decode(p, &len);
        p += len;
      }
      if (g_decoded_key.is_null()) gc::add_root(&g_decoded_key);
      g_decoded_key = string;
      g_decoded = std::move(v);
    }
    out->decoded = g_decoded;
    out->data = g_decoded->data();
    out->charsize = 4;
    return true;
  }
  if (is_exact_bytes(string)) {
    auto* b = string.as<BytesObject>();
    out->isbytes = true;
    out->data = b->data;
    out->charsize = 1;
    out->length = int64_t(b->size);
    return true;
  }
  if (is_buffer(string)) {  // held until the Subject dies (a bytearray cannot resize meanwhile)
    if (get_buffer(string, &out->view)) {
      out->isbytes = true;
      out->data = out->view.buf;
      out->charsize = 1;
      out->length = out->view.len;
      return true;
    }
    exc_fetch();  // e.g. a non-contiguous memoryview: CPython's TypeError below
  }
  raise_fmt(exc::TypeError, "expected string or bytes-like object, got '{}'", type_name(string));
  return false;
}

// string[i:j] for the subject of a match (str or bytes), as CPython's getslice.
// Malformed code can leave a group ending before it starts: str gives '' like
// PyUnicode_Substring, bytes CPython's SystemError.
Value slice_of(Value string, int64_t i, int64_t j) {
  if (is_str(string)) {
    if (j <= i) return str_value("");
    StrObject* s = as_str(string);
    if (i == 0 && j == int64_t(s->length) && s->type == types::str) return string;
    if (s->ascii) {
      if (j - i == 1) return obj(str_from_ascii_char(s->data[i]));
      StrObject* r = str_alloc(size_t(j - i));
      std::memcpy(r->data, s->data + i, size_t(j - i));
      r->length = uint64_t(j - i);
      r->ascii = true;
      return obj(r);
    }
    size_t a = utf8_offset(s, i), b = utf8_offset(s, j);
    return str_value(std::string_view(s->data + a, b - a));
  }
  if (is_exact_bytes(string)) {
    auto* b = string.as<BytesObject>();
    if (j < i) return raise(exc::SystemError, "Negative size passed to PyBytes_FromStringAndSize");
    if (i == 0 && j == int64_t(b->size)) return string;
    return bytes_new(std::string_view(b->data + i, size_t(j - i)));
  }
  // Another bytes-like object: a bytes copy of the slice of its current contents.
  BufferHold h;
  if (!h.get(string)) return Value::exc();
  i = std::min(i, h.v.len);
  j = std::min(j, h.v.len);
  if (j < i) return raise(exc::SystemError, "Negative size passed to PyBytes_FromStringAndSize");
  return bytes_new(std::string_view(h.v.buf + i, size_t(j - i)));
}

// One-shot calls (match, search, findall, split, sub) borrow a State from a small free list so
// that its vectors keep their capacity from call to call; a re-entrant call (a sub() callback
// that matches again) simply borrows another.
class StateLease {
 public:
  StateLease() {
    if (free_list().empty()) {
      _st = new sre::State();
    } else {
      _st = free_list().back();
      free_list().pop_back();
    }
  }
  ~StateLease() {
    if (free_list().size() < 4) free_list().push_back(_st);
    else delete _st;
  }
  StateLease(const StateLease&) = delete;
  StateLease& operator=(const StateLease&) = delete;
  sre::State& operator*() { return *_st; }

 private:
  static std::vector<sre::State*>& free_list() {
    static auto* v = new std::vector<sre::State*>();
    return *v;
  }
  sre::State* _st;
};

// Prepares `st` for `pattern` over `subject`, as CPython's state_init (pos/endpos clamped).
bool state_init(sre::State& st, PatternObject* p, const Subject& subj, int64_t pos, int64_t endpos) {
  if (subj.isbytes && p->isbytes == 0) {
    raise(exc::TypeError, "cannot use a string pattern on a bytes-like object");
    return false;
  }
  if (!subj.isbytes && p->isbytes > 0) {
    raise(exc::TypeError, "cannot use a bytes pattern on a string-like object");
    return false;
  }
  st.init(subj.data, subj.charsize, subj.length, pos, endpos, p->groups);
  return true;
}

Value engine_error(int64_t status) {
  if (status == sre::kErrorMemory) return raise(exc::MemoryError, "");
  return raise(exc::RuntimeError, "internal error in regular expression engine");
}

// The group g of a successful state, or `dflt` when it did not participate.
Value state_group(const sre::State& st, Value string, int64_t g, Value dflt) {
  size_t k = size_t(g - 1) * 2;
  if (int64_t(k) >= st.lastmark || st.mark[k] < 0 || st.mark[k + 1] < 0) return dflt;
  return slice_of(string, st.mark[k], st.mark[k + 1]);
}

Value new_match(PatternObject* p, const sre::State& st, Value string, int64_t status) {
  if (status == 0) return Value::none();
  if (status < 0) return engine_error(status);
  int64_t n = p->groups + 1;
  auto* m = gc::make<MatchObject>(g_match_type, size_t(2 * n) * sizeof(int64_t));
  m->pattern = p;
  m->string = string;
  m->regs = Value::null();
  m->groups = n;
  m->mark[0] = st.start;
  m->mark[1] = st.ptr;
  for (int64_t i = 0, j = 0; i < p->groups; i++, j += 2) {
    if (j + 1 <= st.lastmark && st.mark[size_t(j)] >= 0 && st.mark[size_t(j) + 1] >= 0) {
      m->mark[j + 2] = st.mark[size_t(j)];
      m->mark[j + 3] = st.mark[size_t(j) + 1];
    } else {
      m->mark[j + 2] = m->mark[j + 3] = -1;
    }
  }
  m->pos = st.pos;
  m->endpos = st.endpos;
  m->lastindex = st.lastindex;
  return obj(m);
}

// -- Argument helpers --------------------------------------------------------------------------
// A C Py_ssize_t argument (CPython's "n" converter).
bool to_ssize(Value v, int64_t* out) {
  if (is_int(v)) {
    if (int_get_i64(v, out)) return true;
    raise(exc::OverflowError, "Python int too large to convert to C ssize_t");
    return false;
  }
  return !index_of(v, out).is_exc();
}

// parse_args with Argument Clinic's message for an unknown keyword ("'x' is an invalid keyword
// argument for f()"), which CPython's C functions give instead of a Python function's.
bool parse_clinic(const char* fname, Value* args, size_t nargs, TupleObject* kwnames, const char* const* names,
                  size_t required, Value* out) {
  for (size_t k = 0; kwnames && k < kwnames->size; k++) {
    std::string_view kn = as_str(kwnames->items[k])->view();
    bool known = false;
    for (const char* const* n = names; *n && !known; n++) known = kn == *n;
    if (!known) {
      raise_fmt(exc::TypeError, "'{}' is an invalid keyword argument for {}()", kn, fname);
      return false;
    }
  }
  return parse_args(fname, args, nargs, kwnames, names, required, out);
}

// (string, pos=0, endpos=sys.maxsize) of match/search/fullmatch/findall/finditer/scanner.
bool parse_string_pos(const char* fname, Value* args, size_t nargs, TupleObject* kwnames, Value* string,
                      int64_t* pos, int64_t* endpos) {
  static const char* const names[] = {"string", "pos", "endpos", nullptr};
  Value a[3];
  if (!parse_clinic(fname, args + 1, nargs - 1, kwnames, names, 1, a)) return false;
  *string = a[0];
  *pos = 0;
  *endpos = INT64_MAX;
  if (!a[1].is_null() && !to_ssize(a[1], pos)) return false;
  if (!a[2].is_null() && !to_ssize(a[2], endpos)) return false;
  return true;
}

// re.<function>(*args): the pure-Python halves of sub() templates and expand().
Value call_re(const char* function, std::initializer_list<Value> args) {
  Value re = import_name(str_intern("re"), nullptr, Value::none(), 0);
  if (re.is_exc()) return re;
  Value f = getattr(re, str_intern(function));
  if (f.is_exc()) return f;
  std::vector<Value> a(args);
  return call(f, a.data(), a.size());
}

// repr(v) cut to `limit` characters (CPython's %.<limit>R).
std::string repr_limited(Value v, size_t limit) {
  Value r = repr(v);
  if (r.is_exc()) return std::string();
  StrObject* s = as_str(r);
  if (s->length <= limit) return std::string(s->view());
  return std::string(s->data, utf8_offset(s, int64_t(limit)));
}

PatternObject* self_pattern(Value* args) { return args[0].as<PatternObject>(); }
MatchObject* self_match(Value* args) { return args[0].as<MatchObject>(); }

// -- Pattern: matching ----------------------------------------------------------------------
enum class Anchor { kMatch, kFullMatch, kSearch };

template <Anchor kind>
Value pattern_match_impl(Value* args, size_t nargs, TupleObject* kwnames) {
  static constexpr const char* kNames[] = {"match", "fullmatch", "search"};
  Value string;
  int64_t pos, endpos;
  if (!parse_string_pos(kNames[int(kind)], args, nargs, kwnames, &string, &pos, &endpos)) return Value::exc();
  PatternObject* p = self_pattern(args);
  Subject subj;
  if (!get_subject(string, &subj)) return Value::exc();
  StateLease lease;
  sre::State& st = *lease;
  if (!state_init(st, p, subj, pos, endpos)) return Value::exc();
  int64_t status;
  if (kind == Anchor::kSearch) {
    status = sre::sre_search(st, p->code);
  } else {
    st.match_all = kind == Anchor::kFullMatch;
    status = sre::sre_match(st, p->code);
  }
  if (exc_pending()) return Value::exc();
  return new_match(p, st, string, status);
}

Value pattern_findall(Value* args, size_t nargs, TupleObject* kwnames) {
  Value string;
  int64_t pos, endpos;
  if (!parse_string_pos("findall", args, nargs, kwnames, &string, &pos, &endpos)) return Value::exc();
  PatternObject* p = self_pattern(args);
  Subject subj;
  if (!get_subject(string, &subj)) return Value::exc();
  StateLease lease;
  sre::State& st = *lease;
  if (!state_init(st, p, subj, pos, endpos)) return Value::exc();
  ListObject* list = list_new(0);
  Value empty = slice_of(string, 0, 0);
  while (st.start <= st.end) {
    st.reset();
    st.ptr = st.start;
    int64_t status = sre::sre_search(st, p->code);
    if (exc_pending()) return Value::exc();
    if (status <= 0) {
      if (status == 0) break;
      return engine_error(status);
    }
    Value item;
    if (p->groups == 0) {
      item = slice_of(string, st.start, st.ptr);
    } else if (p->groups == 1) {
      item = state_group(st, string, 1, empty);
    } else {
      TupleObject* t = tuple_new(size_t(p->groups));
      for (int64_t i = 0; i < p->groups; i++)
        if ((t->items[i] = state_group(st, string, i + 1, empty)).is_exc()) return Value::exc();
      item = obj(t);
    }
    if (item.is_exc()) return item;
    list_append(list, item);
    st.must_advance = st.ptr == st.start;
    st.start = st.ptr;
  }
  return obj(list);
}

Value pattern_split(Value* args, size_t nargs, TupleObject* kwnames) {
  static const char* const names[] = {"string", "maxsplit", nullptr};
  Value a[2];
  if (!parse_clinic("split", args + 1, nargs - 1, kwnames, names, 1, a)) return Value::exc();
  int64_t maxsplit = 0;
  if (!a[1].is_null() && !to_ssize(a[1], &maxsplit)) return Value::exc();
  PatternObject* p = self_pattern(args);
  Value string = a[0];
  Subject subj;
  if (!get_subject(string, &subj)) return Value::exc();
  StateLease lease;
  sre::State& st = *lease;
  if (!state_init(st, p, subj, 0, INT64_MAX)) return Value::exc();
  ListObject* list = list_new(0);
  int64_t n = 0, last = st.start;
  while (!maxsplit || n < maxsplit) {
    st.reset();
    st.ptr = st.start;
    int64_t status = sre::sre_search(st, p->code);
    if (exc_pending()) return Value::exc();
    if (status <= 0) {
      if (status == 0) break;
      return engine_error(status);
    }
    list_append(list, slice_of(string, last, st.start));
    for (int64_t i = 0; i < p->groups; i++) {
      Value g = state_group(st, string, i + 1, Value::none());
      if (g.is_exc()) return g;
      list_append(list, g);
    }
    n++;
    st.must_advance = st.ptr == st.start;
    last = st.start = st.ptr;
  }
  list_append(list, slice_of(string, last, st.endpos));
  return obj(list);
}

// sub() and subn(): the replacement is a function, a literal, or a template compiled by re._subx.
Value pattern_subx(const char* fname, Value* args, size_t nargs, TupleObject* kwnames, bool subn) {
  static const char* const names[] = {"repl", "string", "count", nullptr};
  Value a[3];
  if (!parse_clinic(fname, args + 1, nargs - 1, kwnames, names, 2, a)) return Value::exc();
  int64_t count = 0;
  if (!a[2].is_null() && !to_ssize(a[2], &count)) return Value::exc();
  PatternObject* p = self_pattern(args);
  Value filter = a[0], string = a[1];
  bool callable = is_callable(filter);
  if (!callable) {
    bool literal = false;
    if (is_str(filter)) {
      literal = std::memchr(as_str(filter)->data, '\\', as_str(filter)->nbytes) == nullptr;
    } else if (is_bytes_like(filter)) {
      BufferHold h;
      if (!h.get(filter)) return Value::exc();
      literal = std::memchr(h.v.buf, '\\', size_t(h.v.len)) == nullptr;
    }
    if (!literal) {
      filter = call_re("_subx", {args[0], filter});
      if (filter.is_exc()) return filter;
      callable = is_callable(filter);
    }
  }
  Subject subj;
  if (!get_subject(string, &subj)) return Value::exc();
  StateLease lease;
  sre::State& st = *lease;
  if (!state_init(st, p, subj, 0, INT64_MAX)) return Value::exc();

  // The pieces are joined as CPython's ''.join(list) would: same type checks and messages.
  std::string out;
  size_t items = 0;
  bool want_bytes = subj.isbytes;
  auto append_piece = [&](Value v) -> bool {
    if (want_bytes ? !is_bytes_like(v) : !is_str(v)) {
      if (want_bytes)
        raise_fmt(exc::TypeError, "sequence item {}: expected a bytes-like object, {} found", items, type_name(v));
      else
        raise_fmt(exc::TypeError, "sequence item {}: expected str instance, {} found", items, type_name(v));
      return false;
    }
    if (want_bytes) {
      BufferHold h;
      if (!h.get(v)) return false;
      out.append(h.view());
    } else {
      out.append(as_str(v)->view());
    }
    items++;
    return true;
  };
  auto append_span = [&](int64_t i, int64_t j) {
    if (want_bytes) {
      out.append(static_cast<const char*>(subj.data) + i, size_t(j - i));
    } else {
      StrObject* s = as_str(string);
      size_t x = utf8_offset(s, i), y = utf8_offset(s, j);
      out.append(s->data + x, y - x);
    }
    items++;
  };

  int64_t n = 0, i = 0;
  while (!count || n < count) {
    st.reset();
    st.ptr = st.start;
    int64_t status = sre::sre_search(st, p->code);
    if (exc_pending()) return Value::exc();
    if (status <= 0) {
      if (status == 0) break;
      return engine_error(status);
    }
    int64_t b = st.start, e = st.ptr;
    if (i < b) append_span(i, b);
    if (callable) {
      Value m = new_match(p, st, string, 1);
      Value item = call1(filter, m);
      if (item.is_exc()) return item;
      if (!item.is_none() && !append_piece(item)) return Value::exc();
    } else if (!append_piece(filter)) {
      return Value::exc();
    }
    i = e;
    n++;
    st.must_advance = st.ptr == st.start;
    st.start = st.ptr;
  }
  Value result;
  if (n == 0 && i == 0 && st.endpos == subj.length) {
    result = slice_of(string, 0, subj.length);  // nothing replaced: the subject itself
  } else {
    if (i < st.endpos) append_span(i, st.endpos);
    result = want_bytes ? bytes_new(out) : str_value(out);
  }
  if (subn) return tuple_pack({result, int_from_i64(n)});
  return result;
}

Value pattern_sub(Value* args, size_t nargs, TupleObject* kwnames) { return pattern_subx("sub", args, nargs, kwnames, false); }
Value pattern_subn(Value* args, size_t nargs, TupleObject* kwnames) { return pattern_subx("subn", args, nargs, kwnames, true); }

// -- Scanner ------------------------------------------------------------------------------------
struct ScanState {
  Subject subject;
  sre::State state;
};

struct ScannerObject : Object {
  PatternObject* pattern;
  Value string;
  ScanState* scan;  // owned (finalize)
  bool executing;
  bool exhausted;
};

void scanner_trace(Object* o, Tracer& t) {
  auto* s = static_cast<ScannerObject*>(o);
  t.visit(s->pattern);
  t.visit(s->string);
}
void scanner_finalize(Object* o) {
  auto* s = static_cast<ScannerObject*>(o);
  delete s->scan;
  s->scan = nullptr;
}

Value new_scanner(PatternObject* p, Value string, int64_t pos, int64_t endpos) {
  auto scan = std::make_unique<ScanState>();
  if (!get_subject(string, &scan->subject)) return Value::exc();
  if (!state_init(scan->state, p, scan->subject, pos, endpos)) return Value::exc();
  auto* s = gc::make<ScannerObject>(g_scanner_type);
  s->pattern = p;
  s->string = string;
  s->scan = scan.release();
  return obj(s);
}

template <bool kSearch>
Value scanner_next(Value* args, size_t nargs, TupleObject* kwnames) {
  if (npos_args(nargs, kwnames) > 1) return raise_fmt(exc::TypeError, "{}() takes no arguments", kSearch ? "search" : "match");
  auto* s = args[0].as<ScannerObject>();
  if (s->executing) return raise(exc::ValueError, "regular expression scanner already executing");
  if (s->exhausted) return Value::none();
  sre::State& st = s->scan->state;
  st.reset();
  st.ptr = st.start;
  s->executing = true;
  int64_t status = kSearch ? sre::sre_search(st, s->pattern->code) : sre::sre_match(st, s->pattern->code);
  s->executing = false;
  if (exc_pending()) return Value::exc();
  Value m = new_match(s->pattern, st, s->string, status);
  if (status == 0) {
    s->exhausted = true;
  } else {
    st.must_advance = st.ptr == st.start;
    st.start = st.ptr;
  }
  return m;
}

Value scanner_getattr(Value self, StrObject* name) {
  if (name->view() == "pattern") return obj(self.as<ScannerObject>()->pattern);
  return generic_getattr(self, name);
}

Value pattern_scanner(Value* args, size_t nargs, TupleObject* kwnames) {
  Value string;
  int64_t pos, endpos;
  if (!parse_string_pos("scanner", args, nargs, kwnames, &string, &pos, &endpos)) return Value::exc();
  return new_scanner(self_pattern(args), string, pos, endpos);
}

Value pattern_finditer(Value* args, size_t nargs, TupleObject* kwnames) {
  Value string;
  int64_t pos, endpos;
  if (!parse_string_pos("finditer", args, nargs, kwnames, &string, &pos, &endpos)) return Value::exc();
  Value scanner = new_scanner(self_pattern(args), string, pos, endpos);
  if (scanner.is_exc()) return scanner;
  Value search = getattr(scanner, str_intern("search"));
  if (search.is_exc()) return search;
  Value iter = dict_get_str(g_builtins, str_intern("iter"));
  return call2(iter, search, Value::none());
}

// -- Pattern: the object ----------------------------------------------------------------------
void pattern_trace(Object* o, Tracer& t) {
  auto* p = static_cast<PatternObject*>(o);
  t.visit(p->pattern);
  t.visit(p->groupindex);
  t.visit(p->indexgroup);
}

Value pattern_repr(Value self) {
  static const struct { const char* name; int64_t value; } kFlagNames[] = {
      {"re.TEMPLATE", sre::kFlagTemplate}, {"re.IGNORECASE", sre::kFlagIgnoreCase},
      {"re.LOCALE", sre::kFlagLocale},     {"re.MULTILINE", sre::kFlagMultiline},
      {"re.DOTALL", sre::kFlagDotAll},     {"re.UNICODE", sre::kFlagUnicode},
      {"re.VERBOSE", sre::kFlagVerbose},   {"re.DEBUG", sre::kFlagDebug},
      {"re.ASCII", sre::kFlagAscii},
  };
  auto* p = self.as<PatternObject>();
  int64_t flags = p->flags;
  // re.UNICODE is the default of str patterns: not shown.
  if (p->isbytes == 0 && (flags & (sre::kFlagLocale | sre::kFlagUnicode | sre::kFlagAscii)) == sre::kFlagUnicode)
    flags &= ~sre::kFlagUnicode;
  std::string names;
  for (const auto& f : kFlagNames) {
    if (flags & f.value) {
      if (!names.empty()) names += '|';
      names += f.name;
      flags &= ~f.value;
    }
  }
  if (flags) {
    if (!names.empty()) names += '|';
    names += fmt::format("{:#x}", uint32_t(flags));
  }
  std::string pat = repr_limited(p->pattern, 200);
  if (exc_pending()) return Value::exc();
  return str_value(names.empty() ? fmt::format("re.compile({})", pat) : fmt::format("re.compile({}, {})", pat, names));
}

int64_t pattern_hash(Value self) {
  auto* p = self.as<PatternObject>();
  int64_t h = hash(p->pattern);
  if (h == -1) return -1;
  uint64_t code_hash = 14695981039346656037ull;
  for (size_t i = 0; i < p->codesize; i++) code_hash = (code_hash ^ p->code[i]) * 1099511628211ull;
  h ^= int64_t(code_hash) ^ p->flags ^ p->isbytes ^ int64_t(p->codesize);
  return h == -1 ? -2 : h;
}

Value pattern_richcompare(Value a, Value b, CmpOp op) {
  if ((op != CmpOp::EQ && op != CmpOp::NE) || !isinstance_exact(b, g_pattern_type)) return g_not_implemented;
  if (a == b) return Value::from_bool(op == CmpOp::EQ);
  auto *l = a.as<PatternObject>(), *r = b.as<PatternObject>();
  bool same = l->flags == r->flags && l->isbytes == r->isbytes && l->codesize == r->codesize &&
              std::memcmp(l->code, r->code, l->codesize * sizeof(Code)) == 0;
  if (same) {
    int e = eq(l->pattern, r->pattern);
    if (e < 0) return Value::exc();
    same = e;
  }
  return Value::from_bool(same == (op == CmpOp::EQ));
}

Value pattern_getattr(Value self, StrObject* name) {
  auto* p = self.as<PatternObject>();
  std::string_view n = name->view();
  if (n == "pattern") return p->pattern;
  if (n == "flags") return int_from_i64(p->flags);
  if (n == "groups") return int_from_i64(p->groups);
  if (n == "groupindex") return obj(dict_copy(p->groupindex.as<DictObject>()));  // CPython: a mappingproxy
  return generic_getattr(self, name);
}

Value return_self(Value* args, size_t, TupleObject*) { return args[0]; }

Value deepcopy_self(Value* args, size_t, TupleObject*) { return args[0]; }

// cls[item] -> types.GenericAlias(cls, item) (PEP 585).
Value class_getitem(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!check_no_kwargs("__class_getitem__", kwnames) || !check_nargs("__class_getitem__", nargs - 1, 1, 1))
    return Value::exc();
  Value types_mod = import_name(str_intern("types"), nullptr, Value::none(), 0);
  if (types_mod.is_exc()) return types_mod;
  Value alias = getattr(types_mod, str_intern("GenericAlias"));
  if (alias.is_exc()) return alias;
  return call2(alias, args[0], args[1]);
}

// -- Match ---------------------------------------------------------------------------------------
void match_trace(Object* o, Tracer& t) {
  auto* m = static_cast<MatchObject*>(o);
  t.visit(m->pattern);
  t.visit(m->string);
  t.visit(m->regs);
}

// The group number `index` names (an int or a group name), or -1 after raising IndexError.
int64_t match_index(MatchObject* m, Value index) {
  int64_t i = -1;
  if (is_int(index) || (!is_str(index) && !lookup_special(index, str_intern("__index__")).is_null())) {
    if (is_int(index) && !int_get_i64(index, &i)) i = -1;
    else if (!is_int(index) && index_of(index, &i).is_exc()) return -1;
  } else {
    DictObject* gi = m->pattern->groupindex.as<DictObject>();
    if (gi->used) {
      Value v = dict_get(gi, index);
      if (v.is_exc()) {
        if (!exc_matches(exc::TypeError)) return -1;
        exc_fetch();  // unhashable: "no such group"
      } else if (!v.is_null() && is_int(v) && !int_get_i64(v, &i)) {
        i = -1;
      }
    }
  }
  if (i < 0 || i >= m->groups) {
    raise(exc::IndexError, "no such group");
    return -1;
  }
  return i;
}

Value match_group_by_index(MatchObject* m, int64_t i, Value dflt) {
  if (m->string.is_none() || m->mark[2 * i] < 0) return dflt;
  return slice_of(m->string, m->mark[2 * i], m->mark[2 * i + 1]);
}

Value match_group_value(MatchObject* m, Value index, Value dflt) {
  int64_t i = match_index(m, index);
  if (i < 0) return Value::exc();
  return match_group_by_index(m, i, dflt);
}

Value match_group(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!check_no_kwargs("group", kwnames)) return Value::exc();
  MatchObject* m = self_match(args);
  size_t n = nargs - 1;
  if (n == 0) return match_group_by_index(m, 0, Value::none());
  if (n == 1) return match_group_value(m, args[1], Value::none());
  TupleObject* t = tuple_new(n);
  for (size_t k = 0; k < n; k++) {
    Value v = match_group_value(m, args[k + 1], Value::none());
    if (v.is_exc()) return v;
    t->items[k] = v;
  }
  return obj(t);
}

Value match_getitem(Value self, Value key) { return match_group_value(self.as<MatchObject>(), key, Value::none()); }

bool parse_default(const char* fname, Value* args, size_t nargs, TupleObject* kwnames, Value* dflt) {
  static const char* const names[] = {"default", nullptr};
  Value a[1];
  if (!parse_clinic(fname, args + 1, nargs - 1, kwnames, names, 0, a)) return false;
  *dflt = a[0].is_null() ? Value::none() : a[0];
  return true;
}

Value match_groups(Value* args, size_t nargs, TupleObject* kwnames) {
  Value dflt;
  if (!parse_default("groups", args, nargs, kwnames, &dflt)) return Value::exc();
  MatchObject* m = self_match(args);
  TupleObject* t = tuple_new(size_t(m->groups - 1));
  for (int64_t i = 1; i < m->groups; i++)
    if ((t->items[i - 1] = match_group_by_index(m, i, dflt)).is_exc()) return Value::exc();
  return obj(t);
}

Value match_groupdict(Value* args, size_t nargs, TupleObject* kwnames) {
  Value dflt;
  if (!parse_default("groupdict", args, nargs, kwnames, &dflt)) return Value::exc();
  MatchObject* m = self_match(args);
  DictObject* result = dict_new();
  DictObject* gi = m->pattern->groupindex.as<DictObject>();
  for (uint64_t k = 0; k < gi->nentries; k++) {
    const DictEntry& e = gi->entries[k];
    if (e.key.is_null()) continue;
    Value v = match_group_value(m, e.key, dflt);
    if (v.is_exc() || dict_set(result, e.key, v) < 0) return Value::exc();
  }
  return obj(result);
}

// start/end/span(group=0, /)
int64_t match_span_index(const char* fname, Value* args, size_t nargs, TupleObject* kwnames) {
  if (kwnames && kwnames->size) {
    raise_fmt(exc::TypeError, "Match.{}() takes no keyword arguments", fname);
    return -1;
  }
  if (!check_nargs(fname, nargs - 1, 0, 1)) return -1;
  MatchObject* m = self_match(args);
  return nargs == 1 ? 0 : match_index(m, args[1]);
}

Value match_start(Value* args, size_t nargs, TupleObject* kwnames) {
  int64_t i = match_span_index("start", args, nargs, kwnames);
  if (i < 0) return Value::exc();
  return int_from_i64(self_match(args)->mark[2 * i]);
}

Value match_end(Value* args, size_t nargs, TupleObject* kwnames) {
  int64_t i = match_span_index("end", args, nargs, kwnames);
  if (i < 0) return Value::exc();
  return int_from_i64(self_match(args)->mark[2 * i + 1]);
}

Value match_span(Value* args, size_t nargs, TupleObject* kwnames) {
  int64_t i = match_span_index("span", args, nargs, kwnames);
  if (i < 0) return Value::exc();
  MatchObject* m = self_match(args);
  return tuple_pack({int_from_i64(m->mark[2 * i]), int_from_i64(m->mark[2 * i + 1])});
}

Value match_expand(Value* args, size_t nargs, TupleObject* kwnames) {
  static const char* const names[] = {"template", nullptr};
  Value a[1];
  if (!parse_clinic("expand", args + 1, nargs - 1, kwnames, names, 1, a)) return Value::exc();
  return call_re("_expand", {obj(self_match(args)->pattern), args[0], a[0]});
}

Value match_repr(Value self) {
  auto* m = self.as<MatchObject>();
  Value g0 = match_group_by_index(m, 0, Value::none());
  if (g0.is_exc()) return g0;
  std::string r = repr_limited(g0, 50);
  if (exc_pending()) return Value::exc();
  return str_value(fmt::format("<re.Match object; span=({}, {}), match={}>", m->mark[0], m->mark[1], r));
}

Value match_getattr(Value self, StrObject* name) {
  auto* m = self.as<MatchObject>();
  std::string_view n = name->view();
  if (n == "string") return m->string;
  if (n == "re") return obj(m->pattern);
  if (n == "pos") return int_from_i64(m->pos);
  if (n == "endpos") return int_from_i64(m->endpos);
  if (n == "lastindex") return m->lastindex >= 0 ? int_from_i64(m->lastindex) : Value::none();
  if (n == "lastgroup") {
    Value ig = m->pattern->indexgroup;
    if (is_tuple(ig) && m->lastindex >= 0 && uint64_t(m->lastindex) < ig.as<TupleObject>()->size)
      return ig.as<TupleObject>()->items[m->lastindex];
    return Value::none();
  }
  if (n == "regs") {
    if (m->regs.is_null()) {
      TupleObject* t = tuple_new(size_t(m->groups));
      for (int64_t i = 0; i < m->groups; i++)
        t->items[i] = tuple_pack({int_from_i64(m->mark[2 * i]), int_from_i64(m->mark[2 * i + 1])});
      m->regs = obj(t);
    }
    return m->regs;
  }
  return generic_getattr(self, name);
}

// -- Module functions ----------------------------------------------------------------------------
bool int_arg(const char* fname, Value* args, size_t nargs, TupleObject* kwnames, int64_t* out) {
  std::string qual = std::string("_sre.") + fname;
  if (!check_no_kwargs(qual.c_str(), kwnames) || !check_nargs(qual.c_str(), nargs, 1, 1)) return false;
  if (args[0].is_double()) {
    raise(exc::TypeError, "'float' object cannot be interpreted as an integer");
    return false;
  }
  if (!to_ssize(args[0], out)) return false;
  if (*out < INT32_MIN || *out > INT32_MAX) {
    raise(exc::OverflowError, *out < 0 ? "signed integer is less than minimum" : "signed integer is greater than maximum");
    return false;
  }
  return true;
}

Value sre_getcodesize(Value*, size_t nargs, TupleObject* kwnames) {
  if (!check_no_kwargs("getcodesize", kwnames) || !check_nargs("getcodesize", nargs, 0, 0)) return Value::exc();
  return Value::from_small_int(sizeof(Code));
}

Value sre_ascii_iscased(Value* args, size_t nargs, TupleObject* kwnames) {
  int64_t ch;
  if (!int_arg("ascii_iscased", args, nargs, kwnames, &ch)) return Value::exc();
  return Value::from_bool(sre::is_ascii_alpha(uint32_t(ch)));
}

Value sre_unicode_iscased(Value* args, size_t nargs, TupleObject* kwnames) {
  int64_t ch;
  if (!int_arg("unicode_iscased", args, nargs, kwnames, &ch)) return Value::exc();
  uint32_t c = uint32_t(ch);
  return Value::from_bool(c != sre::lower_unicode(c) || c != sre::upper_unicode(c));
}

Value sre_ascii_tolower(Value* args, size_t nargs, TupleObject* kwnames) {
  int64_t ch;
  if (!int_arg("ascii_tolower", args, nargs, kwnames, &ch)) return Value::exc();
  return int_from_i64(int32_t(ch < 128 && ch >= 0 ? sre::lower_ascii(uint32_t(ch)) : uint32_t(ch)));
}

Value sre_unicode_tolower(Value* args, size_t nargs, TupleObject* kwnames) {
  int64_t ch;
  if (!int_arg("unicode_tolower", args, nargs, kwnames, &ch)) return Value::exc();
  return int_from_i64(int32_t(sre::lower_unicode(uint32_t(ch))));
}

// _sre.compile(pattern, flags, code, groups, groupindex, indexgroup)
Value sre_compile(Value* args, size_t nargs, TupleObject* kwnames) {
  static const char* const names[] = {"pattern", "flags", "code", "groups", "groupindex", "indexgroup", nullptr};
  Value a[6];
  if (!parse_clinic("compile", args, nargs, kwnames, names, 6, a)) return Value::exc();
  int64_t flags, groups;
  if (a[1].is_double()) return raise(exc::TypeError, "'float' object cannot be interpreted as an integer");
  if (!to_ssize(a[1], &flags)) return Value::exc();
  if (!is_list(a[2]))
    return raise_fmt(exc::TypeError, "compile() argument 'code' must be list, not {}", type_name(a[2]));
  if (!to_ssize(a[3], &groups)) return Value::exc();
  if (!is_dict(a[4]))
    return raise_fmt(exc::TypeError, "compile() argument 'groupindex' must be dict, not {}", type_name(a[4]));
  if (!is_tuple(a[5]))
    return raise_fmt(exc::TypeError, "compile() argument 'indexgroup' must be tuple, not {}", type_name(a[5]));
  auto* code = a[2].as<ListObject>();
  size_t n = code->size;
  auto* p = gc::make<PatternObject>(g_pattern_type, n * sizeof(Code));
  p->pattern = Value::none();
  p->groupindex = obj(dict_new());
  p->indexgroup = Value::none();
  p->codesize = n;
  for (size_t i = 0; i < n; i++) {
    Value v = code->items[i];
    int64_t x;
    if (!is_int(v)) return raise_fmt(exc::TypeError, "an integer is required");
    if (!int_get_i64(v, &x) || x < 0 || x > int64_t(UINT32_MAX)) {
      if (int_sign(v) < 0) return raise(exc::OverflowError, "can't convert negative value to unsigned int");
      return raise(exc::OverflowError, "regular expression code size limit exceeded");
    }
    p->code[i] = Code(x);
  }
  if (a[0].is_none()) {
    p->isbytes = -1;
  } else if (is_str(a[0])) {
    p->isbytes = 0;
  } else if (is_bytes_like(a[0])) {
    p->isbytes = 1;
  } else {
    return raise_fmt(exc::TypeError, "expected string or bytes-like object, got '{}'", type_name(a[0]));
  }
  p->pattern = a[0];
  p->flags = flags;
  p->groups = groups;
  if (a[4].as<DictObject>()->used > 0) {
    p->groupindex = a[4];
    if (a[5].as<TupleObject>()->size > 0) p->indexgroup = a[5];
  }
  if (!sre::sre_validate(p->code, n, groups)) return raise(exc::RuntimeError, "invalid SRE code");
  return obj(p);
}

// CPython's types are named "re.Pattern" etc. in their messages (tp_name).
const char* qualified_name(TypeObject* t) {
  return t == g_pattern_type ? "re.Pattern" : t == g_match_type ? "re.Match" : "_sre.SRE_Scanner";
}

Value no_new(TypeObject* type, Value*, size_t, TupleObject*) {
  return raise_fmt(exc::TypeError, "cannot create '{}' instances", qualified_name(type));
}

// Attributes are read-only; there is no instance dict.
template <const std::string_view* kNames, size_t kCount>
int readonly_setattr(Value self, StrObject* name, Value) {
  for (size_t i = 0; i < kCount; i++)
    if (name->view() == kNames[i]) {
      raise(exc::AttributeError, "readonly attribute");
      return -1;
    }
  raise_fmt(exc::AttributeError, "'{}' object has no attribute '{}'", qualified_name(type_of(self)), name->view());
  return -1;
}
constexpr std::string_view kPatternAttrs[] = {"pattern", "flags", "groups", "groupindex"};
constexpr std::string_view kMatchAttrs[] = {"string", "re", "pos", "endpos", "lastindex", "lastgroup", "regs"};
constexpr std::string_view kScannerAttrs[] = {"pattern"};

void init_types() {
  if (g_pattern_type) return;
  g_pattern_type = make_builtin_type("Pattern", types::object, sizeof(PatternObject), 0);
  g_pattern_type->module = str_intern("re");
  g_pattern_type->trace = pattern_trace;
  g_pattern_type->repr = pattern_repr;
  g_pattern_type->hash = pattern_hash;
  g_pattern_type->richcompare = pattern_richcompare;
  g_pattern_type->getattr = pattern_getattr;
  g_pattern_type->setattr = readonly_setattr<kPatternAttrs, 4>;
  g_pattern_type->tp_new = no_new;
  type_add_methods(g_pattern_type, {
      {"match", pattern_match_impl<Anchor::kMatch>},
      {"fullmatch", pattern_match_impl<Anchor::kFullMatch>},
      {"search", pattern_match_impl<Anchor::kSearch>},
      {"sub", pattern_sub},
      {"subn", pattern_subn},
      {"findall", pattern_findall},
      {"split", pattern_split},
      {"finditer", pattern_finditer},
      {"scanner", pattern_scanner},
      {"__copy__", return_self, kNativeNoArgs},
      {"__deepcopy__", deepcopy_self, kNativeOneArg},
  });
  type_add_classmethod(g_pattern_type, "__class_getitem__", class_getitem);

  g_match_type = make_builtin_type("Match", types::object, sizeof(MatchObject), 0);
  g_match_type->module = str_intern("re");
  g_match_type->trace = match_trace;
  g_match_type->repr = match_repr;
  g_match_type->getattr = match_getattr;
  g_match_type->setattr = readonly_setattr<kMatchAttrs, 7>;
  g_match_type->tp_new = no_new;
  g_match_type->getitem = match_getitem;
  type_add_methods(g_match_type, {
      {"group", match_group},
      {"start", match_start},
      {"end", match_end},
      {"span", match_span},
      {"groups", match_groups},
      {"groupdict", match_groupdict},
      {"expand", match_expand},
      {"__copy__", return_self, kNativeNoArgs},
      {"__deepcopy__", deepcopy_self, kNativeOneArg},
  });
  type_add_classmethod(g_match_type, "__class_getitem__", class_getitem);

  g_scanner_type = make_builtin_type("SRE_Scanner", types::object, sizeof(ScannerObject), 0);
  g_scanner_type->module = str_intern("_sre");
  g_scanner_type->trace = scanner_trace;
  g_scanner_type->finalize = scanner_finalize;
  g_scanner_type->getattr = scanner_getattr;
  g_scanner_type->setattr = readonly_setattr<kScannerAttrs, 1>;
  g_scanner_type->tp_new = no_new;
  type_add_methods(g_scanner_type, {
      {"match", scanner_next<false>},
      {"search", scanner_next<true>},
  });
}

}  // namespace

Value make__sre_module() {
  init_types();
  Value m = module_new("_sre");
  DictObject* d = m.as<ModuleObject>()->dict;
  module_add_functions(d, {
      {"compile", sre_compile},
      {"getcodesize", sre_getcodesize},
      {"ascii_iscased", sre_ascii_iscased},
      {"unicode_iscased", sre_unicode_iscased},
      {"ascii_tolower", sre_ascii_tolower},
      {"unicode_tolower", sre_unicode_tolower},
  });
  dict_set_str(d, str_intern("MAGIC"), int_from_i64(sre::kMagic));
  dict_set_str(d, str_intern("CODESIZE"), Value::from_small_int(sizeof(Code)));
  dict_set_str(d, str_intern("MAXREPEAT"), int_from_i64(int64_t(sre::kMaxRepeat)));
  dict_set_str(d, str_intern("MAXGROUPS"), int_from_i64(sre::kMaxGroups));
  dict_set_str(d, str_intern("copyright"), str_value(" SRE 2.2.2 Copyright (c) 1997-2002 by Secret Labs AB "));
  return m;
}

}  // namespace chaipy
