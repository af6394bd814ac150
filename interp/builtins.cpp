// interp/builtins.cpp — the builtins module: print, len, min/max, sum, round, pow, isinstance,
// conversions and attribute functions, and the binding of every built-in type and exception by
// name. The iterator built-ins (enumerate, zip, map, ...) live in builtins_iter.cpp.
#include <cmath>
#include <cstring>
#include <string>

#include "interp/class_internal.h"
#include "interp/modules/modules.h"
#include "interp/objects/objects.h"
#include "interp/runtime.h"
#include "interp/vm.h"

namespace chaipy {

namespace {

// An interned name, made once per call site (interned strings are GC roots).
#define NAME(s) ([] { static StrObject* n_ = str_intern(s); return n_; }())

size_t npos_of(size_t nargs, TupleObject* kwnames) { return nargs - (kwnames ? kwnames->size : 0); }
std::string_view kwname(TupleObject* kwnames, size_t k) { return as_str(kwnames->items[k])->view(); }

bool is_type_obj(Value v) {
  return v.is_obj() && (v.as_obj()->type == types::type || (v.as_obj()->type->flags & kTypeTypeSubclass) ||
                        is_subtype(v.as_obj()->type, types::type));
}

// An int for __index__ contexts (hex, chr, enumerate start ...): ints pass, others via __index__.
Value none_or_exc(int rc) { return rc < 0 ? Value::exc() : Value::none(); }

// -- print / input ---------------------------------------------------------------------------------
Value write_to(Value file, std::string_view s) {
  Value w = getattr(file, NAME("write"));
  if (w.is_exc()) return w;
  return call1(w, str_value(s));
}

Value builtin_print(Value* args, size_t nargs, TupleObject* kwnames) {
  size_t npos = npos_of(nargs, kwnames);
  Value sep = Value::null(), end = Value::null(), file = Value::null(), flush = Value::null();
  for (size_t k = 0; k < nargs - npos; k++) {
    std::string_view n = kwname(kwnames, k);
    Value v = args[npos + k];
    if (n == "sep") sep = v;
    else if (n == "end") end = v;
    else if (n == "file") file = v;
    else if (n == "flush") flush = v;
    else return raise_fmt(exc::TypeError, "'{}' is an invalid keyword argument for print()", n);
  }
  std::string_view sep_s = " ", end_s = "\n";
  if (!sep.is_null() && !sep.is_none()) {
    if (!is_str(sep)) return raise_fmt(exc::TypeError, "sep must be None or a string, not {}", type_name(sep));
    sep_s = as_str(sep)->view();
  }
  if (!end.is_null() && !end.is_none()) {
    if (!is_str(end)) return raise_fmt(exc::TypeError, "end must be None or a string, not {}", type_name(end));
    end_s = as_str(end)->view();
  }
  if (file.is_null() || file.is_none()) {
    file = sys_stdout();
    if (file.is_null()) return raise(exc::RuntimeError, "lost sys.stdout");
    if (file.is_none()) return Value::none();
  }
  int fd = std_stream_fd(file);
  if (fd == 1 || fd == 2) {
    std::string buf;
    for (size_t i = 0; i < npos; i++) {
      if (i) buf.append(sep_s);
      Value s = is_str(args[i]) && args[i].as_obj()->type == types::str ? args[i] : str_of(args[i]);
      if (s.is_exc()) return s;
      buf.append(as_str(s)->view());
    }
    buf.append(end_s);
    if (fd == 1) {
      if (!stdout_write(buf)) return Value::exc();
      if (!flush.is_null()) {
        int t = truthy(flush);
        if (t < 0) return Value::exc();
        if (t && call_method(file, NAME("flush"), nullptr, 0).is_exc()) return Value::exc();
      }
    } else {
      stderr_write(buf);
    }
    return Value::none();
  }
  // Any object with a write method: one write call per piece, like CPython.
  for (size_t i = 0; i < npos; i++) {
    if (i && write_to(file, sep_s).is_exc()) return Value::exc();
    Value s = str_of(args[i]);
    if (s.is_exc()) return s;
    Value w = getattr(file, NAME("write"));
    if (w.is_exc() || call1(w, s).is_exc()) return Value::exc();
  }
  if (write_to(file, end_s).is_exc()) return Value::exc();
  if (!flush.is_null()) {
    int t = truthy(flush);
    if (t < 0) return Value::exc();
    if (t) {
      Value f = getattr(file, NAME("flush"));
      if (f.is_exc() || call0(f).is_exc()) return Value::exc();
    }
  }
  return Value::none();
}

Value builtin_input(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!check_no_kwargs("input", kwnames) || !check_nargs("input", nargs, 0, 1)) return Value::exc();
  Value out = sys_stdout();
  if (nargs == 1) {
    Value p = str_of(args[0]);
    if (p.is_exc()) return p;
    if (out.is_null() || std_stream_fd(out) == 1) {
      if (!stdout_write(as_str(p)->view())) return Value::exc();
    } else if (!out.is_none()) {
      if (write_to(out, as_str(p)->view()).is_exc()) return Value::exc();
    }
  }
  if (out.is_null() || std_stream_fd(out) == 1) {
    stdout_flush();
  } else if (!out.is_none()) {
    Value f = getattr_opt(out, NAME("flush"));
    if (f.is_exc() || (!f.is_null() && call0(f).is_exc())) return Value::exc();
  }
  Value in = sys_stdin();
  std::string line;
  if (in.is_null() || std_stream_fd(in) == 0) {
    int r = stdin_readline(&line);
    if (r < 0) return Value::exc();
    if (r == 0) return raise(exc::EOFError, "EOF when reading a line");
  } else {
    Value rl = getattr(in, NAME("readline"));
    if (rl.is_exc()) return rl;
    Value s = call0(rl);
    if (s.is_exc()) return s;
    if (!is_str(s)) return raise(exc::TypeError, "object.readline() returned non-string");
    line = std::string(as_str(s)->view());
    if (line.empty()) return raise(exc::EOFError, "EOF when reading a line");
  }
  if (!line.empty() && line.back() == '\n') line.pop_back();
  return str_value(utf8_sanitize(line));
}

// -- Simple one-argument functions ---------------------------------------------------------------
Value builtin_len(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!check_no_kwargs("len", kwnames) || !check_nargs("len", nargs, 1, 1)) return Value::exc();
  int64_t n = length(args[0]);
  if (n < 0) return Value::exc();
  return int_from_i64(n);
}

Value builtin_abs(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!check_no_kwargs("abs", kwnames) || !check_nargs("abs", nargs, 1, 1)) return Value::exc();
  Value v = args[0];
  if (v.is_small_int()) return int_from_i64(std::abs(v.as_small_int()));
  if (v.is_double()) return Value::from_double(std::fabs(v.as_double()));
  if (v.is_bool()) return Value::from_small_int(v.as_bool());
  if (v.is_obj() && v.as_obj()->type == types::int_) {
    Mpz z(v);
    mpz_abs(z, z);
    return int_from_mpz(z);
  }
  if (v.is_obj() && v.as_obj()->type == types::complex) {
    auto* c = v.as<ComplexObject>();
    double r = std::hypot(c->real, c->imag);
    if (std::isinf(r) && std::isfinite(c->real) && std::isfinite(c->imag))
      return raise(exc::OverflowError, "absolute value too large");
    return Value::from_double(r);
  }
  Value m = lookup_special(v, NAME("__abs__"));
  if (m.is_exc()) return m;
  if (m.is_null()) return raise_fmt(exc::TypeError, "bad operand type for abs(): '{}'", type_name(v));
  return call0(m);
}

Value builtin_id(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!check_no_kwargs("id", kwnames) || !check_nargs("id", nargs, 1, 1)) return Value::exc();
  Value v = args[0];
  if (v.is_obj()) return int_from_i64(static_cast<int64_t>(reinterpret_cast<uintptr_t>(v.as_obj())));
  // Immediates: their bits, which never collide with a heap address (those are < 2**48).
  Mpz z;
  mpz_set_ui(z, v.bits());
  return int_from_mpz(z);
}

Value builtin_hash(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!check_no_kwargs("hash", kwnames) || !check_nargs("hash", nargs, 1, 1)) return Value::exc();
  int64_t h = hash(args[0]);
  if (h == -1) return Value::exc();
  return int_from_i64(h);
}

}  // namespace

bool is_callable(Value v) {
  TypeObject* t = type_of(v);
  if (t->call) return true;
  Value m = type_lookup(t, NAME("__call__"));
  if (m.is_exc()) {
    exc_fetch();
    return false;
  }
  return !m.is_null();
}

namespace {

Value builtin_callable(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!check_no_kwargs("callable", kwnames) || !check_nargs("callable", nargs, 1, 1)) return Value::exc();
  TypeObject* t = type_of(args[0]);
  if (t->call) return Value::true_();
  Value m = type_lookup(t, NAME("__call__"));
  if (m.is_exc()) return m;
  return Value::from_bool(!m.is_null());
}

Value builtin_repr(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!check_no_kwargs("repr", kwnames) || !check_nargs("repr", nargs, 1, 1)) return Value::exc();
  return repr(args[0]);
}

Value builtin_ascii(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!check_no_kwargs("ascii", kwnames) || !check_nargs("ascii", nargs, 1, 1)) return Value::exc();
  Value r = repr(args[0]);
  if (r.is_exc()) return r;
  StrObject* s = as_str(r);
  if (s->ascii) return r;
  std::string out;
  const char* p = s->data;
  const char* e = s->data + s->nbytes;
  while (p < e) {
    int len = 1;
    uint32_t cp = utf8_decode(p, &len);
    p += len;
    if (cp < 0x80) out.push_back(static_cast<char>(cp));
    else if (cp < 0x100) out += fmt::format("\\x{:02x}", cp);
    else if (cp < 0x10000) out += fmt::format("\\u{:04x}", cp);
    else out += fmt::format("\\U{:08x}", cp);
  }
  return str_value(out);
}

Value builtin_ord(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!check_no_kwargs("ord", kwnames) || !check_nargs("ord", nargs, 1, 1)) return Value::exc();
  Value v = args[0];
  if (is_str(v)) {
    StrObject* s = as_str(v);
    if (s->length != 1)
      return raise_fmt(exc::TypeError, "ord() expected a character, but string of length {} found", s->length);
    int len = 1;
    return Value::from_small_int(utf8_decode(s->data, &len));
  }
  if (is_bytes(v)) {
    auto* b = v.as<BytesObject>();
    if (b->size != 1)
      return raise_fmt(exc::TypeError, "ord() expected a character, but string of length {} found", b->size);
    return Value::from_small_int(static_cast<unsigned char>(b->data[0]));
  }
  return raise_fmt(exc::TypeError, "ord() expected string of length 1, but {} found", type_name(v));
}

Value builtin_chr(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!check_no_kwargs("chr", kwnames) || !check_nargs("chr", nargs, 1, 1)) return Value::exc();
  Value v = to_index(args[0]);
  if (v.is_exc()) return v;
  int64_t cp;
  if (!int_get_i64(v, &cp) || cp < INT32_MIN || cp > INT32_MAX)
    return raise(exc::OverflowError, "Python int too large to convert to C int");
  if (cp < 0 || cp >= 0x110000) return raise(exc::ValueError, "chr() arg not in range(0x110000)");
  if (cp < 0x80) return obj(str_from_ascii_char(static_cast<char>(cp)));
  std::string out;
  utf8_append(out, static_cast<uint32_t>(cp));
  return str_value(out);
}

Value int_base(const char* fname, Value* args, size_t nargs, TupleObject* kwnames, int base) {
  if (!check_no_kwargs(fname, kwnames) || !check_nargs(fname, nargs, 1, 1)) return Value::exc();
  Value v = to_index(args[0]);
  if (v.is_exc()) return v;
  return int_to_base_str(v, base, true);
}
Value builtin_hex(Value* a, size_t n, TupleObject* k) { return int_base("hex", a, n, k, 16); }
Value builtin_oct(Value* a, size_t n, TupleObject* k) { return int_base("oct", a, n, k, 8); }
Value builtin_bin(Value* a, size_t n, TupleObject* k) { return int_base("bin", a, n, k, 2); }

Value builtin_format(Value* args, size_t nargs, TupleObject* kwnames) {
  static const char* const names[] = {"value", "format_spec", nullptr};
  Value a[2];
  if (npos_of(nargs, kwnames) > 2) {
    check_nargs("format", npos_of(nargs, kwnames), 1, 2);
    return Value::exc();
  }
  if (!parse_args("format", args, nargs, kwnames, names, 1, a)) return Value::exc();
  Value v = a[0];
  Value spec = a[1].is_null() ? str_value("") : a[1];
  if (!is_str(spec)) return raise_fmt(exc::TypeError, "format() argument 2 must be str, not {}", type_name(spec));
  std::string_view sp = as_str(spec)->view();
  if (v.is_obj() && v.as_obj()->type == types::str && sp.empty()) return v;
  Value m = lookup_special(v, NAME("__format__"));
  if (m.is_exc()) return m;
  if (m.is_null()) return raise_fmt(exc::TypeError, "Type {} doesn't define __format__", type_name(v));
  Value r = call1(m, spec);
  if (r.is_exc()) return r;
  if (!is_str(r)) return raise_fmt(exc::TypeError, "__format__ must return a str, not {}", type_name(r));
  return r;
}

// -- Attributes ---------------------------------------------------------------------------------------
bool attr_name(Value n) {
  if (is_str(n)) return true;
  raise_fmt(exc::TypeError, "attribute name must be string, not '{}'", type_name(n));
  return false;
}

Value builtin_getattr(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!check_no_kwargs("getattr", kwnames) || !check_nargs("getattr", nargs, 2, 3)) return Value::exc();
  if (!attr_name(args[1])) return Value::exc();
  if (nargs == 2) return getattr(args[0], as_str(args[1]));
  Value r = getattr_opt(args[0], as_str(args[1]));
  if (r.is_null()) return args[2];
  return r;
}

Value builtin_setattr(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!check_no_kwargs("setattr", kwnames) || !check_nargs("setattr", nargs, 3, 3)) return Value::exc();
  if (!attr_name(args[1])) return Value::exc();
  return none_or_exc(setattr(args[0], as_str(args[1]), args[2]));
}

Value builtin_delattr(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!check_no_kwargs("delattr", kwnames) || !check_nargs("delattr", nargs, 2, 2)) return Value::exc();
  if (!attr_name(args[1])) return Value::exc();
  return none_or_exc(setattr(args[0], as_str(args[1]), Value::null()));
}

Value builtin_hasattr(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!check_no_kwargs("hasattr", kwnames) || !check_nargs("hasattr", nargs, 2, 2)) return Value::exc();
  if (!attr_name(args[1])) return Value::exc();
  Value r = getattr_opt(args[0], as_str(args[1]));
  if (r.is_exc()) return r;
  return Value::from_bool(!r.is_null());
}

// -- globals / locals: the calling Python frame (native calls push no frame) ------------------
Value builtin_globals(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!check_no_kwargs("globals", kwnames) || !check_nargs("globals", nargs, 0, 0)) return Value::exc();
  Frame* f = vm_current_frame();
  if (!f || !f->globals) return raise(exc::SystemError, "globals(): no current frame");
  return obj(f->globals);
}

// Module and class bodies have a real namespace; a function's locals are a fresh snapshot.
Value current_locals() {
  Frame* f = vm_current_frame();
  if (!f) return raise(exc::SystemError, "locals(): no current frame");
  if (f->locals) return obj(f->locals);
  DictObject* d = dict_new();
  CodeObject* code = f->code;
  for (uint32_t i = 0; i < code->nlocalsplus; i++) {
    Value v = f->localsplus[i];
    uint8_t kind = code->localsplus_kinds[i];
    if (kind & (kCell | kFree)) {
      if (!v.is_obj() || v.as_obj()->type != types::cell) continue;  // not yet made into a cell
      v = v.as<CellObject>()->value;
    }
    if (v.is_null()) continue;
    if (dict_set_str(d, code->localsplus_names[i], v) < 0) return Value::exc();
  }
  return obj(d);
}

}  // namespace
Value builtins_current_locals() { return current_locals(); }
namespace {

Value builtin_locals(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!check_no_kwargs("locals", kwnames) || !check_nargs("locals", nargs, 0, 0)) return Value::exc();
  return current_locals();
}

Value builtin_vars(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!check_no_kwargs("vars", kwnames) || !check_nargs("vars", nargs, 0, 1)) return Value::exc();
  if (nargs == 0) return current_locals();
  Value d = getattr_opt(args[0], NAME("__dict__"));
  if (d.is_exc()) return d;
  if (d.is_null()) return raise(exc::TypeError, "vars() argument must have __dict__ attribute");
  return d;
}

// dir(): the names in the object's namespace and its class's, sorted; __dir__ when defined.
int add_keys(DictObject* names, DictObject* d) {
  for (uint64_t i = 0; d && i < d->nentries; i++) {
    const DictEntry& e = d->entries[i];
    if (e.key.is_null()) continue;
    if (dict_set(names, e.key, Value::none()) < 0) return -1;
  }
  return 0;
}

Value builtin_dir(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!check_no_kwargs("dir", kwnames) || !check_nargs("dir", nargs, 0, 1)) return Value::exc();
  Value names;
  if (nargs == 0) {
    names = current_locals();
  } else {
    Value o = args[0];
    // A class-defined __dir__ wins; object's generic one is what the fallback below computes.
    Value own = type_lookup(type_of(o), NAME("__dir__"));
    Value generic = type_lookup(types::object, NAME("__dir__"));
    Value m = !own.is_null() && own != generic ? lookup_special(o, NAME("__dir__")) : Value::null();
    if (m.is_exc()) return m;
    if (!m.is_null()) {
      names = call0(m);
    } else {
      DictObject* acc = dict_new();
      if (o.is_obj() && o.as_obj()->type == types::module) {
        if (add_keys(acc, o.as<ModuleObject>()->dict) < 0) return Value::exc();
      } else {
        TupleObject* mro = is_type_obj(o) ? o.as<TypeObject>()->mro : type_of(o)->mro;
        Value d = getattr_opt(o, NAME("__dict__"));
        if (d.is_exc()) return d;
        if (!is_type_obj(o) && is_dict(d) && add_keys(acc, d.as<DictObject>()) < 0) return Value::exc();
        for (uint64_t i = 0; mro && i < mro->size; i++)
          if (add_keys(acc, mro->items[i].as<TypeObject>()->dict) < 0) return Value::exc();
      }
      names = obj(acc);
    }
  }
  if (names.is_exc()) return names;
  Value l = to_list(names);
  if (l.is_exc()) return l;
  Value r = list_sort_impl(l.as<ListObject>(), Value::null(), false);
  if (r.is_exc()) return r;
  return l;
}

// -- isinstance / issubclass ------------------------------------------------------------------------
// A class whose metaclass is not exactly `type` may define __instancecheck__ / __subclasscheck__
// (ABCMeta does): CPython's PyObject_IsInstance / IsSubclass consult it; null when there is none.
Value metaclass_check(Value cls, const char* name) {
  if (!is_type_obj(cls) || type_of(cls) == types::type) return Value::null();
  return lookup_special(cls, str_intern(name));
}

int do_isinstance(Value o, Value cls, int depth) {
  if (is_type_obj(cls)) {
    if (type_of(o) == cls.as<TypeObject>()) return 1;
    Value m = metaclass_check(cls, "__instancecheck__");
    if (m.is_exc()) return -1;
    if (m.is_null()) return is_subtype(type_of(o), cls.as<TypeObject>()) ? 1 : 0;
    Value r = call1(m, o);
    if (r.is_exc()) return -1;
    return truthy(r);
  }
  if (TupleObject* u = cls::union_args(cls)) cls = obj(u);
  if (is_tuple(cls)) {
    if (depth > 1000) { raise(exc::RecursionError, "maximum recursion depth exceeded in __instancecheck__"); return -1; }
    auto* t = cls.as<TupleObject>();
    for (uint64_t i = 0; i < t->size; i++) {
      int r = do_isinstance(o, t->items[i], depth + 1);
      if (r != 0) return r;
    }
    return 0;
  }
  Value m = lookup_special(cls, NAME("__instancecheck__"));
  if (m.is_exc()) return -1;
  if (!m.is_null()) {
    Value r = call1(m, o);
    if (r.is_exc()) return -1;
    return truthy(r);
  }
  raise(exc::TypeError, "isinstance() arg 2 must be a type, a tuple of types, or a union");
  return -1;
}

int do_issubclass(Value c, Value cls, int depth) {
  if (is_type_obj(cls)) {
    Value m = metaclass_check(cls, "__subclasscheck__");
    if (m.is_exc()) return -1;
    if (m.is_null()) {
      if (!is_type_obj(c)) {
        raise(exc::TypeError, "issubclass() arg 1 must be a class");
        return -1;
      }
      return is_subtype(c.as<TypeObject>(), cls.as<TypeObject>()) ? 1 : 0;
    }
    Value r = call1(m, c);
    if (r.is_exc()) return -1;
    return truthy(r);
  }
  if (TupleObject* u = cls::union_args(cls)) cls = obj(u);
  if (is_tuple(cls)) {
    if (depth > 1000) { raise(exc::RecursionError, "maximum recursion depth exceeded in __subclasscheck__"); return -1; }
    auto* t = cls.as<TupleObject>();
    for (uint64_t i = 0; i < t->size; i++) {
      int r = do_issubclass(c, t->items[i], depth + 1);
      if (r != 0) return r;
    }
    return 0;
  }
  Value m = lookup_special(cls, NAME("__subclasscheck__"));
  if (m.is_exc()) return -1;
  if (!m.is_null()) {
    Value r = call1(m, c);
    if (r.is_exc()) return -1;
    return truthy(r);
  }
  raise(exc::TypeError, "issubclass() arg 2 must be a class, a tuple of classes, or a union");
  return -1;
}

Value builtin_isinstance(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!check_no_kwargs("isinstance", kwnames) || !check_nargs("isinstance", nargs, 2, 2)) return Value::exc();
  int r = do_isinstance(args[0], args[1], 0);
  return r < 0 ? Value::exc() : Value::from_bool(r);
}

Value builtin_issubclass(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!check_no_kwargs("issubclass", kwnames) || !check_nargs("issubclass", nargs, 2, 2)) return Value::exc();
  int r = do_issubclass(args[0], args[1], 0);
  return r < 0 ? Value::exc() : Value::from_bool(r);
}

// -- Arithmetic ---------------------------------------------------------------------------------------
bool is_int_or_float(Value v) { return v.is_double() || is_int(v); }
bool is_zero_number(Value v) {
  if (v.is_double()) return v.as_double() == 0.0;
  if (v.is_small_int()) return v.as_small_int() == 0;
  if (v.is_bool()) return !v.as_bool();
  return false;
}

Value builtin_divmod(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!check_no_kwargs("divmod", kwnames) || !check_nargs("divmod", nargs, 2, 2)) return Value::exc();
  Value a = args[0], b = args[1];
  if (a.is_small_int() && b.is_small_int()) {
    int64_t x = a.as_small_int(), y = b.as_small_int();
    if (y == 0) return raise(exc::ZeroDivisionError, "integer division or modulo by zero");
    int64_t q = x / y, r = x % y;
    if (r != 0 && ((r < 0) != (y < 0))) { q -= 1; r += y; }
    return tuple_pack({int_from_i64(q), int_from_i64(r)});
  }
  if (is_int_or_float(a) && is_int_or_float(b)) {
    if ((a.is_double() || b.is_double()) && is_zero_number(b)) return raise(exc::ZeroDivisionError, "float divmod()");
    Value q = binary_op(int(BinOp::FLOOR_DIVIDE), a, b);
    if (q.is_exc()) return q;
    Value r = binary_op(int(BinOp::REMAINDER), a, b);
    if (r.is_exc()) return r;
    return tuple_pack({q, r});
  }
  Value m = lookup_special(a, NAME("__divmod__"));
  if (m.is_exc()) return m;
  if (!m.is_null()) {
    Value r = call1(m, b);
    if (r.is_exc() || r != g_not_implemented) return r;
  }
  m = lookup_special(b, NAME("__rdivmod__"));
  if (m.is_exc()) return m;
  if (!m.is_null()) {
    Value r = call1(m, a);
    if (r.is_exc() || r != g_not_implemented) return r;
  }
  return raise_fmt(exc::TypeError, "unsupported operand type(s) for divmod(): '{}' and '{}'", type_name(a), type_name(b));
}

Value builtin_pow(Value* args, size_t nargs, TupleObject* kwnames) {
  static const char* const names[] = {"base", "exp", "mod", nullptr};
  Value a[3];
  if (!parse_args("pow", args, nargs, kwnames, names, 2, a)) return Value::exc();
  if (a[2].is_null() || a[2].is_none()) return binary_op(int(BinOp::POWER), a[0], a[1]);
  if (is_int(a[0]) && is_int(a[1]) && is_int(a[2])) return int_pow_mod(a[0], a[1], a[2]);
  if (is_int_or_float(a[0]) && is_int_or_float(a[1]) && is_int_or_float(a[2]))
    return raise(exc::TypeError, "pow() 3rd argument not allowed unless all arguments are integers");
  Value m = lookup_special(a[0], NAME("__pow__"));
  if (m.is_exc()) return m;
  if (!m.is_null()) {
    Value r = call2(m, a[1], a[2]);
    if (r.is_exc() || r != g_not_implemented) return r;
  }
  return raise_fmt(exc::TypeError, "unsupported operand type(s) for ** or pow(): '{}', '{}', '{}'", type_name(a[0]),
                   type_name(a[1]), type_name(a[2]));
}

Value builtin_round(Value* args, size_t nargs, TupleObject* kwnames) {
  static const char* const names[] = {"number", "ndigits", nullptr};
  Value a[2];
  if (!parse_args("round", args, nargs, kwnames, names, 1, a)) return Value::exc();
  Value x = a[0], nd = a[1].is_null() ? Value::none() : a[1];
  if (x.is_double()) return float_round(x.as_double(), nd);
  if (x.is_small_int() && nd.is_none()) return x;
  if (x.is_obj() && x.as_obj()->type == types::int_) return int_round(x, nd);
  if (x.is_bool()) return int_round(Value::from_small_int(x.as_bool()), nd);
  Value m = lookup_special(x, NAME("__round__"));
  if (m.is_exc()) return m;
  if (m.is_null()) return raise_fmt(exc::TypeError, "type {} doesn't define __round__ method", type_name(x));
  return nd.is_none() ? call0(m) : call1(m, nd);
}

// -- min / max / sum ---------------------------------------------------------------------------------
// True when a is "better" than b: a > b for max, a < b for min.
int better(Value a, Value b, CmpOp op) {
  if (a.is_small_int() && b.is_small_int())
    return op == CmpOp::GT ? a.as_small_int() > b.as_small_int() : a.as_small_int() < b.as_small_int();
  if (a.is_double() && b.is_double()) return op == CmpOp::GT ? a.as_double() > b.as_double() : a.as_double() < b.as_double();
  Value r = compare_bool(a, b, op);
  if (r.is_exc()) return -1;
  if (r.is_bool()) return r.as_bool();
  return truthy(r);
}

Value min_max(Value* args, size_t nargs, TupleObject* kwnames, CmpOp op, const char* name) {
  size_t npos = npos_of(nargs, kwnames);
  if (npos == 0) return raise_fmt(exc::TypeError, "{} expected at least 1 argument, got 0", name);
  Value key = Value::null(), dflt = Value::null();
  for (size_t k = 0; k < nargs - npos; k++) {
    std::string_view n = kwname(kwnames, k);
    if (n == "key") key = args[npos + k];
    else if (n == "default") dflt = args[npos + k];
    else return raise_fmt(exc::TypeError, "'{}' is an invalid keyword argument for {}()", n, name);
  }
  if (npos > 1 && !dflt.is_null())
    return raise_fmt(exc::TypeError, "Cannot specify a default for {}() with multiple positional arguments", name);
  if (key.is_none()) key = Value::null();
  Value best = Value::null(), best_key = Value::null();
  auto consider = [&](Value item) -> bool {
    Value k = item;
    if (!key.is_null()) {
      k = call1(key, item);
      if (k.is_exc()) return false;
    }
    if (best.is_null()) {
      best = item;
      best_key = k;
      return true;
    }
    int b = better(k, best_key, op);
    if (b < 0) return false;
    if (b) {
      best = item;
      best_key = k;
    }
    return true;
  };
  if (npos == 1) {
    Value seq = args[0];
    if (is_list(seq) && seq.as_obj()->type == types::list && key.is_null()) {
      auto* l = seq.as<ListObject>();
      for (uint64_t i = 0; i < l->size; i++)
        if (!consider(l->items[i])) return Value::exc();
    } else {
      Value it = get_iter(seq);
      if (it.is_exc()) return it;
      for (;;) {
        Value item = iter_next(it);
        if (item.is_exc()) return item;
        if (item.is_null()) break;
        if (!consider(item)) return Value::exc();
      }
    }
  } else {
    for (size_t i = 0; i < npos; i++)
      if (!consider(args[i])) return Value::exc();
  }
  if (best.is_null()) {
    if (!dflt.is_null()) return dflt;
    return raise_fmt(exc::ValueError, "{}() arg is an empty sequence", name);
  }
  return best;
}

Value builtin_min(Value* a, size_t n, TupleObject* k) { return min_max(a, n, k, CmpOp::LT, "min"); }
Value builtin_max(Value* a, size_t n, TupleObject* k) { return min_max(a, n, k, CmpOp::GT, "max"); }

Value builtin_sum(Value* args, size_t nargs, TupleObject* kwnames) {
  size_t npos = npos_of(nargs, kwnames);
  if (npos == 0) return raise(exc::TypeError, "sum() takes at least 1 positional argument (0 given)");
  static const char* const names[] = {"iterable", "start", nullptr};
  Value a[2];
  if (!parse_args("sum", args, nargs, kwnames, names, 1, a)) return Value::exc();
  Value result = a[1].is_null() ? Value::from_small_int(0) : a[1];
  if (is_str(result)) return raise(exc::TypeError, "sum() can't sum strings [use ''.join(seq) instead]");
  if (is_bytes(result)) return raise(exc::TypeError, "sum() can't sum bytes [use b''.join(seq) instead]");
  Value it = get_iter(a[0]);
  if (it.is_exc()) return it;
  Value item = Value::null();  // an item not yet added to result
  // Integer fast path: accumulate in an int64 while everything fits.
  int64_t acc;
  if ((result.is_small_int() || (result.is_obj() && result.as_obj()->type == types::int_)) && int_get_i64(result, &acc)) {
    for (;;) {
      item = iter_next(it);
      if (item.is_exc()) return item;
      if (item.is_null()) return int_from_i64(acc);
      int64_t b, sum;
      if ((item.is_small_int() || item.is_bool() || (item.is_obj() && item.as_obj()->type == types::int_)) &&
          int_get_i64(item, &b) && !__builtin_add_overflow(acc, b, &sum)) {
        acc = sum;
        continue;
      }
      result = binary_op(int(BinOp::ADD), int_from_i64(acc), item);
      if (result.is_exc()) return result;
      item = Value::null();
      break;
    }
  }
  // Float fast path: plain double addition, as CPython 3.11 does.
  if (result.is_double()) {
    double f = result.as_double();
    for (;;) {
      item = iter_next(it);
      if (item.is_exc()) return item;
      if (item.is_null()) return Value::from_double(f);
      if (item.is_double()) { f += item.as_double(); continue; }
      int64_t b;
      if (item.is_small_int()) { f += double(item.as_small_int()); continue; }
      if (item.is_bool()) { f += double(item.as_bool()); continue; }
      if (is_int(item) && int_to_i64(item, &b)) { f += double(b); continue; }
      result = binary_op(int(BinOp::ADD), Value::from_double(f), item);
      if (result.is_exc()) return result;
      item = Value::null();
      break;
    }
  }
  for (;;) {
    item = iter_next(it);
    if (item.is_exc()) return item;
    if (item.is_null()) return result;
    result = binary_op(int(BinOp::ADD), result, item);
    if (result.is_exc()) return result;
  }
}

// -- exit / quit ----------------------------------------------------------------------------------------
Value builtin_exit(Value* args, size_t nargs, TupleObject* kwnames) {
  if (!check_no_kwargs("exit", kwnames) || !check_nargs("exit", nargs, 0, 1)) return Value::exc();
  Value e = call(obj(exc::SystemExit), args, nargs);
  if (e.is_exc()) return e;
  return raise_value(e);
}

}  // namespace

int object_isinstance(Value o, Value cls) { return do_isinstance(o, cls, 0); }

// -- Module set-up --------------------------------------------------------------------------------------
void init_builtins_module() {
  DictObject* b = g_builtins;
  module_add_functions(b, {
      {"print", builtin_print},       {"input", builtin_input},         {"len", builtin_len},
      {"abs", builtin_abs},           {"id", builtin_id},               {"hash", builtin_hash},
      {"callable", builtin_callable}, {"repr", builtin_repr},           {"ascii", builtin_ascii},
      {"ord", builtin_ord},           {"chr", builtin_chr},             {"hex", builtin_hex},
      {"oct", builtin_oct},           {"bin", builtin_bin},             {"format", builtin_format},
      {"getattr", builtin_getattr},   {"setattr", builtin_setattr},     {"delattr", builtin_delattr},
      {"hasattr", builtin_hasattr},   {"vars", builtin_vars},           {"isinstance", builtin_isinstance},
      {"issubclass", builtin_issubclass}, {"divmod", builtin_divmod},   {"pow", builtin_pow},
      {"round", builtin_round},       {"min", builtin_min},             {"max", builtin_max},
      {"sum", builtin_sum},           {"exit", builtin_exit},           {"quit", builtin_exit},
      {"globals", builtin_globals},   {"locals", builtin_locals},       {"dir", builtin_dir},
  });
  init_builtin_iterators(b);
  init_exec_builtins();
  module_add_functions(b, {{"aiter", builtin_aiter}, {"anext", builtin_anext}});  // generator.cpp

  // Built-in types and exception classes by their Python names.
  const std::pair<const char*, TypeObject*> named_types[] = {
      {"object", types::object},       {"type", types::type},           {"int", types::int_},
      {"bool", types::bool_},          {"float", types::float_},        {"complex", types::complex},
      {"str", types::str},             {"bytes", types::bytes},         {"tuple", types::tuple},
      {"bytearray", types::bytearray}, {"memoryview", types::memoryview},
      {"list", types::list},           {"dict", types::dict},           {"set", types::set},
      {"frozenset", types::frozenset}, {"range", types::range},         {"slice", types::slice},
      {"property", types::property},   {"staticmethod", types::staticmethod},
      {"classmethod", types::classmethod}, {"super", types::super},
  };
  for (auto& [name, t] : named_types)
    if (t) dict_set_str(b, str_intern(name), obj(t));
#define EXCDEF(name, base) \
  if (exc::name) dict_set_str(b, str_intern(#name), obj(exc::name));
#include "interp/exceptions.def"
#undef EXCDEF
  // Warning categories that only Python code raises (the runtime has no exc:: handle for them).
  for (const char* w : {"PendingDeprecationWarning", "SyntaxWarning", "FutureWarning", "ImportWarning", "UnicodeWarning",
                        "BytesWarning", "ResourceWarning", "EncodingWarning"})
    dict_set_str(b, str_intern(w), exception_type_new(std::string("builtins.") + w, exc::Warning));
  dict_set_str(b, str_intern("EnvironmentError"), obj(exc::OSError));  // 3.3+ aliases
  dict_set_str(b, str_intern("IOError"), obj(exc::OSError));
  dict_set_str(b, str_intern("None"), Value::none());
  dict_set_str(b, str_intern("True"), Value::true_());
  dict_set_str(b, str_intern("False"), Value::false_());
  dict_set_str(b, str_intern("Ellipsis"), g_ellipsis);
  dict_set_str(b, str_intern("NotImplemented"), g_not_implemented);
  dict_set_str(b, str_intern("__debug__"), Value::true_());
}

}  // namespace chaipy
