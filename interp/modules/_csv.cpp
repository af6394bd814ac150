// interp/modules/_csv.cpp — the _csv module (CPython's Modules/_csv.c): Dialect, reader, writer,
// the dialect registry, field_size_limit, the QUOTE_* constants and _csv.Error.
//
// The reader is CPython's character state machine fed one line (one str from the input iterator)
// at a time with an end-of-line marker after it; the writer quotes and escapes exactly as
// CPython's join_append_data does. Characters are code points (EOL and NOT_SET are negative).
#include <string>
#include <vector>

#include "interp/objects/objects.h"
#include "interp/runtime.h"

namespace chaipy {

namespace {

#define NAME(s) ([] { static StrObject* n_ = str_intern(s); return n_; }())

constexpr int32_t kNotSet = -1, kEOL = -2;
enum Quoting { kQuoteMinimal, kQuoteAll, kQuoteNonNumeric, kQuoteNone };

Value g_error;              // _csv.Error
DictObject* g_dialects;     // the registry
int64_t g_field_limit = 128 * 1024;

void trace_csv_roots(Tracer& t) {
  t.visit(g_error);
  t.visit(g_dialects);
}

Value csv_error(std::string_view msg) {
  Value e = call1(g_error, str_value(msg));
  return e.is_exc() ? e : raise_value(e);
}

std::string cp_str(int32_t c) {
  std::string s;
  utf8_append(s, uint32_t(c));
  return s;
}

std::u32string to_u32(StrObject* s) {
  std::u32string out;
  out.reserve(s->length);
  const char* p = s->data;
  const char* end = p + s->nbytes;
  while (p < end) {
    int n;
    out.push_back(utf8_decode(p, &n));
    p += n;
  }
  return out;
}

// -- Dialect -----------------------------------------------------------------------------------------
struct DialectObject : Object {
  bool doublequote, skipinitialspace, strict;
  int32_t quoting, delimiter, quotechar, escapechar;
  StrObject* lineterminator;
};
TypeObject* dialect_type;

void dialect_trace(Object* o, Tracer& t) { t.visit(static_cast<DialectObject*>(o)->lineterminator); }

bool set_char(const char* name, int32_t* target, Value src, int32_t dflt, bool allow_none) {
  if (src.is_null()) {
    *target = dflt;
    return true;
  }
  *target = kNotSet;
  if (allow_none && src.is_none()) return true;
  if (!is_str(src)) {
    raise_fmt(exc::TypeError, "\"{}\" must be string{}, not {}", name, allow_none ? " or None" : "", type_name(src));
    return false;
  }
  StrObject* s = as_str(src);
  if (s->length != 1) {
    raise_fmt(exc::TypeError, "\"{}\" must be a 1-character string", name);
    return false;
  }
  *target = int32_t(str_codepoint_at(s, 0));
  return true;
}

bool set_bool(bool* target, Value src, bool dflt) {
  if (src.is_null()) {
    *target = dflt;
    return true;
  }
  int t = truthy(src);
  if (t < 0) return false;
  *target = t;
  return true;
}

Value dialect_new(TypeObject* type, Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"dialect", "delimiter", "doublequote", "escapechar", "lineterminator",
                                      "quotechar", "quoting", "skipinitialspace", "strict", nullptr};
  Value a[9];
  size_t npos = nargs - (kw ? kw->size : 0);
  if (npos > 9) return raise_fmt(exc::TypeError, "function takes at most 9 arguments ({} given)", npos);
  for (size_t k = 0; kw && k < kw->size; k++) {
    std::string_view n = as_str(kw->items[k])->view();
    bool known = false;
    for (const char* const* p = names; *p; p++) known |= n == *p;
    if (!known) return raise_fmt(exc::TypeError, "'{}' is an invalid keyword argument for this function", n);
  }
  if (!parse_args("Dialect", args, nargs, kw, names, 0, a)) return Value::exc();
  Value dialect = a[0];
  if (!dialect.is_null()) {
    if (is_str(dialect)) {
      Value d = dict_get(g_dialects, dialect);
      if (d.is_exc()) return d;
      if (d.is_null()) return csv_error("unknown dialect");
      dialect = d;
    }
    bool all_null = true;
    for (int i = 1; i < 9; i++) all_null &= a[i].is_null();
    if (all_null && dialect.is_obj() && is_subtype(type_of(dialect), dialect_type)) return dialect;
    for (int i = 1; i < 9; i++) {
      if (!a[i].is_null()) continue;
      Value v = getattr_opt(dialect, str_intern(names[i]));
      if (v.is_exc()) exc_fetch();
      else a[i] = v;
    }
  }
  auto* d = gc::make<DialectObject>(type);
  if (!set_char("delimiter", &d->delimiter, a[1], ',', false)) return Value::exc();
  if (!set_bool(&d->doublequote, a[2], true)) return Value::exc();
  if (!set_char("escapechar", &d->escapechar, a[3], kNotSet, true)) return Value::exc();
  if (a[4].is_null()) {
    d->lineterminator = str_intern("\r\n");
  } else if (a[4].is_none()) {
    d->lineterminator = nullptr;
  } else if (!is_str(a[4])) {
    return raise(exc::TypeError, "\"lineterminator\" must be a string");
  } else {
    d->lineterminator = as_str(a[4]);
  }
  if (!set_char("quotechar", &d->quotechar, a[5], '"', true)) return Value::exc();
  d->quoting = kQuoteMinimal;
  if (!a[6].is_null()) {
    int64_t q;
    if (!isinstance_exact(a[6], types::int_) && !a[6].is_small_int())
      return raise(exc::TypeError, "\"quoting\" must be an integer");
    if (!int_to_i64(a[6], &q) || q < 0 || q > 3) return raise(exc::TypeError, "bad \"quoting\" value");
    d->quoting = int32_t(q);
  }
  if (!set_bool(&d->skipinitialspace, a[7], false)) return Value::exc();
  if (!set_bool(&d->strict, a[8], false)) return Value::exc();
  if (a[5].is_none() && a[6].is_null()) d->quoting = kQuoteNone;
  if (d->quoting != kQuoteNone && d->quotechar == kNotSet)
    return raise(exc::TypeError, "quotechar must be set if quoting enabled");
  if (!d->lineterminator) return raise(exc::TypeError, "lineterminator must be set");
  return obj(d);
}

Value char_or_none(int32_t c) { return c == kNotSet ? Value::none() : str_value(cp_str(c)); }

Value dialect_getattr(Value self, StrObject* name) {
  auto* d = self.as<DialectObject>();
  std::string_view n = name->view();
  if (n == "delimiter") return str_value(cp_str(d->delimiter));
  if (n == "doublequote") return Value::from_bool(d->doublequote);
  if (n == "escapechar") return char_or_none(d->escapechar);
  if (n == "lineterminator") return obj(d->lineterminator);
  if (n == "quotechar") return char_or_none(d->quotechar);
  if (n == "quoting") return Value::from_small_int(d->quoting);
  if (n == "skipinitialspace") return Value::from_bool(d->skipinitialspace);
  if (n == "strict") return Value::from_bool(d->strict);
  return generic_getattr(self, name);
}

int dialect_setattr(Value self, StrObject* name, Value v) {
  for (const char* n : {"delimiter", "doublequote", "escapechar", "lineterminator", "quotechar", "quoting",
                        "skipinitialspace", "strict"})
    if (name->view() == n) {
      raise_fmt(exc::AttributeError, "attribute '{}' of '{}' objects is not writable", n, type_name(self));
      return -1;
    }
  return generic_setattr(self, name, v);
}

// Dialect(dialect, **kwargs) as reader/writer/register_dialect build it.
Value call_dialect(Value dialect, Value* kwvals, TupleObject* kw) {
  size_t nk = kw ? kw->size : 0;
  std::vector<Value> args;
  if (!dialect.is_null()) args.push_back(dialect);
  for (size_t i = 0; i < nk; i++) args.push_back(kwvals[i]);
  return call(obj(dialect_type), args.data(), args.size(), kw);
}

// -- reader --------------------------------------------------------------------------------------------------
enum ParserState {
  kStartRecord, kStartField, kEscapedChar, kInField, kInQuotedField, kEscapeInQuotedField, kQuoteInQuotedField,
  kEatCrnl, kAfterEscapedCrnl,
};
struct ReaderObject : Object {
  Value input;
  DialectObject* dialect;
  ListObject* fields;
  std::u32string* field;  // malloc'd; released by finalize
  int state;
  bool numeric_field;
  int64_t line_num;
};
TypeObject* reader_type;

void reader_trace(Object* o, Tracer& t) {
  auto* r = static_cast<ReaderObject*>(o);
  t.visit(r->input);
  t.visit(r->dialect);
  t.visit(r->fields);
}
void reader_finalize(Object* o) {
  auto* r = static_cast<ReaderObject*>(o);
  delete r->field;
  r->field = nullptr;
}

int save_field(ReaderObject* r) {
  std::string s;
  for (char32_t c : *r->field) utf8_append(s, uint32_t(c));
  r->field->clear();
  Value f = str_value(s);
  if (r->numeric_field) {
    r->numeric_field = false;
    f = call1(obj(types::float_), f);
    if (f.is_exc()) return -1;
  }
  return list_append(r->fields, f);
}

int add_char(ReaderObject* r, int32_t c) {
  if (int64_t(r->field->size()) >= g_field_limit) {
    csv_error(fmt::format("field larger than field limit ({})", g_field_limit));
    return -1;
  }
  r->field->push_back(char32_t(c));
  return 0;
}

int process_char(ReaderObject* r, int32_t c) {
  DialectObject* d = r->dialect;
  bool nl = c == '\n' || c == '\r';
  switch (r->state) {
    case kStartRecord:
      if (c == kEOL) break;
      if (nl) {
        r->state = kEatCrnl;
        break;
      }
      r->state = kStartField;
      [[fallthrough]];
    case kStartField:
      if (nl || c == kEOL) {
        if (save_field(r) < 0) return -1;
        r->state = c == kEOL ? kStartRecord : kEatCrnl;
      } else if (c == d->quotechar && d->quoting != kQuoteNone) {
        r->state = kInQuotedField;
      } else if (c == d->escapechar) {
        r->state = kEscapedChar;
      } else if (c == ' ' && d->skipinitialspace) {
      } else if (c == d->delimiter) {
        if (save_field(r) < 0) return -1;
      } else {
        if (d->quoting == kQuoteNonNumeric) r->numeric_field = true;
        if (add_char(r, c) < 0) return -1;
        r->state = kInField;
      }
      break;
    case kEscapedChar:
      if (nl) {
        if (add_char(r, c) < 0) return -1;
        r->state = kAfterEscapedCrnl;
        break;
      }
      if (c == kEOL) c = '\n';
      if (add_char(r, c) < 0) return -1;
      r->state = kInField;
      break;
    case kAfterEscapedCrnl:
      if (c == kEOL) break;
      [[fallthrough]];
    case kInField:
      if (nl || c == kEOL) {
        if (save_field(r) < 0) return -1;
        r->state = c == kEOL ? kStartRecord : kEatCrnl;
      } else if (c == d->escapechar) {
        r->state = kEscapedChar;
      } else if (c == d->delimiter) {
        if (save_field(r) < 0) return -1;
        r->state = kStartField;
      } else if (add_char(r, c) < 0) {
        return -1;
      }
      break;
    case kInQuotedField:
      if (c == kEOL) {
      } else if (c == d->escapechar) {
        r->state = kEscapeInQuotedField;
      } else if (c == d->quotechar && d->quoting != kQuoteNone) {
        r->state = d->doublequote ? kQuoteInQuotedField : kInField;
      } else if (add_char(r, c) < 0) {
        return -1;
      }
      break;
    case kEscapeInQuotedField:
      if (c == kEOL) c = '\n';
      if (add_char(r, c) < 0) return -1;
      r->state = kInQuotedField;
      break;
    case kQuoteInQuotedField:
      if (d->quoting != kQuoteNone && c == d->quotechar) {
        if (add_char(r, c) < 0) return -1;
        r->state = kInQuotedField;
      } else if (c == d->delimiter) {
        if (save_field(r) < 0) return -1;
        r->state = kStartField;
      } else if (nl || c == kEOL) {
        if (save_field(r) < 0) return -1;
        r->state = c == kEOL ? kStartRecord : kEatCrnl;
      } else if (!d->strict) {
        if (add_char(r, c) < 0) return -1;
        r->state = kInField;
      } else {
        csv_error(fmt::format("'{}' expected after '{}'", cp_str(d->delimiter), cp_str(d->quotechar)));
        return -1;
      }
      break;
    case kEatCrnl:
      if (nl) {
      } else if (c == kEOL) {
        r->state = kStartRecord;
      } else {
        csv_error("new-line character seen in unquoted field - do you need to open the file in universal-newline mode?");
        return -1;
      }
      break;
  }
  return 0;
}

Value reader_next(Value self) {
  auto* r = self.as<ReaderObject>();
  r->fields = list_new(0);
  r->field->clear();
  r->state = kStartRecord;
  r->numeric_field = false;
  do {
    Value line = iter_next(r->input);
    if (line.is_exc()) return line;
    if (line.is_null()) {
      if (!r->field->empty() || r->state == kInQuotedField) {
        if (r->dialect->strict) return csv_error("unexpected end of data");
        if (save_field(r) < 0) return Value::exc();
        break;
      }
      return Value::null();
    }
    if (!is_str(line))
      return csv_error(fmt::format("iterator should return strings, not {} (the file should be opened in text mode)",
                                   type_name(line)));
    r->line_num++;
    StrObject* s = as_str(line);
    if (s->ascii) {
      for (uint64_t i = 0; i < s->nbytes; i++)
        if (process_char(r, static_cast<unsigned char>(s->data[i])) < 0) return Value::exc();
    } else {
      for (char32_t c : to_u32(s))
        if (process_char(r, int32_t(c)) < 0) return Value::exc();
    }
    if (process_char(r, kEOL) < 0) return Value::exc();
  } while (r->state != kStartRecord);
  Value f = obj(r->fields);
  r->fields = list_new(0);
  return f;
}

Value reader_getattr(Value self, StrObject* name) {
  auto* r = self.as<ReaderObject>();
  if (name->view() == "dialect") return obj(r->dialect);
  if (name->view() == "line_num") return int_from_i64(r->line_num);
  return generic_getattr(self, name);
}

Value iter_self(Value v) { return v; }

Value csv_reader(Value* args, size_t nargs, TupleObject* kw) {
  size_t npos = nargs - (kw ? kw->size : 0);
  if (!check_positional("", npos, 1, 2)) return Value::exc();
  Value it = get_iter(args[0]);
  if (it.is_exc()) return it;
  Value d = call_dialect(npos == 2 ? args[1] : Value::null(), args + npos, kw);
  if (d.is_exc()) return d;
  auto* r = gc::make<ReaderObject>(reader_type);
  r->input = it;
  r->dialect = d.as<DialectObject>();
  r->fields = list_new(0);
  r->field = new std::u32string();
  r->state = kStartRecord;
  r->line_num = 0;
  return obj(r);
}

// -- writer ---------------------------------------------------------------------------------------------------
struct WriterObject : Object { Value write; DialectObject* dialect; };
TypeObject* writer_type;

void writer_trace(Object* o, Tracer& t) {
  auto* w = static_cast<WriterObject*>(o);
  t.visit(w->write);
  t.visit(w->dialect);
}

// Appends one field to the record (CPython's join_append_data, both phases at once).
bool join_append(DialectObject* d, std::u32string& rec, int& num_fields, const std::u32string* field, bool quoted) {
  std::u32string body;
  std::u32string lineterm = to_u32(d->lineterminator);
  if (field) {
    for (char32_t ch : *field) {
      int32_t c = int32_t(ch);
      if (c == d->delimiter || c == d->escapechar || c == d->quotechar || lineterm.find(ch) != std::u32string::npos) {
        bool want_escape = false;
        if (d->quoting == kQuoteNone) {
          want_escape = true;
        } else {
          if (c == d->quotechar) {
            if (d->doublequote) body.push_back(char32_t(d->quotechar));
            else want_escape = true;
          } else if (c == d->escapechar) {
            want_escape = true;
          }
          if (!want_escape) quoted = true;
        }
        if (want_escape) {
          if (d->escapechar == kNotSet) {
            csv_error("need to escape, but no escapechar set");
            return false;
          }
          body.push_back(char32_t(d->escapechar));
        }
      }
      body.push_back(ch);
    }
  }
  if (num_fields > 0) rec.push_back(char32_t(d->delimiter));
  if (quoted) rec.push_back(char32_t(d->quotechar));
  rec += body;
  if (quoted) rec.push_back(char32_t(d->quotechar));
  num_fields++;
  return true;
}

bool is_number(Value v) {
  if (is_int(v) || v.is_double() || isinstance_exact(v, types::complex)) return true;
  for (const char* n : {"__index__", "__int__", "__float__"}) {
    Value m = type_lookup(type_of(v), str_intern(n));
    if (!m.is_null() && !m.is_exc()) return true;
  }
  return false;
}

Value writer_writerow(Value* args, size_t, TupleObject*) {
  auto* w = args[0].as<WriterObject>();
  DialectObject* d = w->dialect;
  Value seq = args[1];
  Value it = get_iter(seq);
  if (it.is_exc()) {
    if (exc_matches(exc::TypeError)) {
      exc_fetch();
      return csv_error(fmt::format("iterable expected, not {}", type_name(seq)));
    }
    return it;
  }
  std::u32string rec;
  int num_fields = 0;
  for (;;) {
    Value f = iter_next(it);
    if (f.is_exc()) return f;
    if (f.is_null()) break;
    bool quoted = d->quoting == kQuoteNonNumeric ? !is_number(f) : d->quoting == kQuoteAll;
    if (f.is_none()) {
      if (!join_append(d, rec, num_fields, nullptr, quoted)) return Value::exc();
      continue;
    }
    Value s = is_str(f) ? f : str_of(f);
    if (s.is_exc()) return s;
    std::u32string field = to_u32(as_str(s));
    if (!join_append(d, rec, num_fields, &field, quoted)) return Value::exc();
  }
  if (num_fields > 0 && rec.empty()) {
    if (d->quoting == kQuoteNone) return csv_error("single empty field record must be quoted");
    num_fields--;
    if (!join_append(d, rec, num_fields, nullptr, true)) return Value::exc();
  }
  std::string line;
  for (char32_t c : rec) utf8_append(line, uint32_t(c));
  line += d->lineterminator->view();
  return call1(w->write, str_value(line));
}

Value writer_writerows(Value* args, size_t, TupleObject*) {
  Value it = get_iter(args[1]);
  if (it.is_exc()) return it;
  for (;;) {
    Value row = iter_next(it);
    if (row.is_exc()) return row;
    if (row.is_null()) return Value::none();
    Value a[2] = {args[0], row};
    Value r = writer_writerow(a, 2, nullptr);
    if (r.is_exc()) return r;
  }
}

Value writer_getattr(Value self, StrObject* name) {
  if (name->view() == "dialect") return obj(self.as<WriterObject>()->dialect);
  return generic_getattr(self, name);
}

Value csv_writer(Value* args, size_t nargs, TupleObject* kw) {
  size_t npos = nargs - (kw ? kw->size : 0);
  if (!check_positional("", npos, 1, 2)) return Value::exc();
  Value write = getattr_opt(args[0], NAME("write"));
  if (write.is_exc()) return write;
  if (write.is_null() || !type_of(write)->call)
    return raise(exc::TypeError, "argument 1 must have a \"write\" method");
  Value d = call_dialect(npos == 2 ? args[1] : Value::null(), args + npos, kw);
  if (d.is_exc()) return d;
  auto* w = gc::make<WriterObject>(writer_type);
  w->write = write;
  w->dialect = d.as<DialectObject>();
  return obj(w);
}

// -- Registry and limits ---------------------------------------------------------------------------------------
Value csv_register_dialect(Value* args, size_t nargs, TupleObject* kw) {
  size_t npos = nargs - (kw ? kw->size : 0);
  if (!check_positional("register_dialect", npos, 1, 2)) return Value::exc();
  if (!is_str(args[0])) return raise(exc::TypeError, "dialect name must be a string");
  Value d = call_dialect(npos == 2 ? args[1] : Value::null(), args + npos, kw);
  if (d.is_exc()) return d;
  return dict_set(g_dialects, args[0], d) < 0 ? Value::exc() : Value::none();
}

Value csv_unregister_dialect(Value* args, size_t, TupleObject*) {
  Value d = dict_get(g_dialects, args[0]);
  if (d.is_exc()) return d;
  if (d.is_null()) return csv_error("unknown dialect");
  return dict_del(g_dialects, args[0]) < 0 ? Value::exc() : Value::none();
}

Value csv_get_dialect(Value* args, size_t, TupleObject*) {
  Value d = dict_get(g_dialects, args[0]);
  if (d.is_exc()) return d;
  if (d.is_null()) return csv_error("unknown dialect");
  return d;
}

Value csv_list_dialects(Value*, size_t, TupleObject*) {
  ListObject* l = list_new(0);
  for (uint64_t i = 0; i < g_dialects->nentries; i++)
    if (!g_dialects->entries[i].key.is_null() && list_append(l, g_dialects->entries[i].key) < 0) return Value::exc();
  return obj(l);
}

Value csv_field_size_limit(Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"new_limit", nullptr};
  Value a[1];
  if (!parse_args("field_size_limit", args, nargs, kw, names, 0, a)) return Value::exc();
  int64_t old = g_field_limit;
  if (!a[0].is_null()) {
    if (!is_int(a[0])) return raise(exc::TypeError, "limit must be an integer");
    int64_t v;
    if (!int_to_i64(a[0], &v)) return raise(exc::OverflowError, "Python int too large to convert to C long");
    g_field_limit = v;
  }
  return int_from_i64(old);
}

TypeObject* csv_type(const char* name, uint32_t size, TraceFn trace) {
  TypeObject* t = make_builtin_type(name, types::object, size, 0);
  t->module = str_intern("_csv");
  t->trace = trace;
  return t;
}

}  // namespace

Value make__csv_module() {
  Value m = module_new("_csv");
  DictObject* d = m.as<ModuleObject>()->dict;
  if (!g_dialects) {
    g_dialects = dict_new();
    gc::add_root_scanner(trace_csv_roots);
  }
  DictObject* ns = dict_new();
  dict_set_str(ns, NAME("__module__"), str_value("_csv"));
  Value targs[3] = {str_value("Error"), tuple_pack({obj(exc::Exception)}), obj(ns)};
  g_error = call(obj(types::type), targs, 3);
  if (g_error.is_exc()) return g_error;

  dialect_type = csv_type("Dialect", sizeof(DialectObject), dialect_trace);
  dialect_type->flags |= kTypeBaseType;
  dialect_type->tp_new = dialect_new;
  dialect_type->getattr = dialect_getattr;
  dialect_type->setattr = dialect_setattr;
  reader_type = csv_type("reader", sizeof(ReaderObject), reader_trace);
  reader_type->finalize = reader_finalize;
  reader_type->iter = iter_self;
  reader_type->iternext = reader_next;
  reader_type->getattr = reader_getattr;
  writer_type = csv_type("writer", sizeof(WriterObject), writer_trace);
  writer_type->getattr = writer_getattr;
  type_add_methods(writer_type, {{"writerow", writer_writerow, kNativeOneArg},
                                 {"writerows", writer_writerows, kNativeOneArg}});

  dict_set_str(d, NAME("Error"), g_error);
  dict_set_str(d, NAME("Dialect"), obj(dialect_type));
  dict_set_str(d, NAME("__version__"), str_value("1.0"));
  dict_set_str(d, NAME("__doc__"), Value::none());  // csv.py re-exports it (CPython's is a long text)
  dict_set_str(d, NAME("_dialects"), obj(g_dialects));
  const char* quotes[] = {"QUOTE_MINIMAL", "QUOTE_ALL", "QUOTE_NONNUMERIC", "QUOTE_NONE"};
  for (int i = 0; i < 4; i++) dict_set_str(d, str_intern(quotes[i]), Value::from_small_int(i));
  module_add_functions(d, {
      {"reader", csv_reader},
      {"writer", csv_writer},
      {"register_dialect", csv_register_dialect},
      {"unregister_dialect", csv_unregister_dialect, kNativeOneArg},
      {"get_dialect", csv_get_dialect, kNativeOneArg},
      {"list_dialects", csv_list_dialects, kNativeNoArgs},
      {"field_size_limit", csv_field_size_limit},
  });
  return m;
}

}  // namespace chaipy
