// interp/vm_support.cpp — code objects from CodeUnits, function/cell/traceback types, argument
// binding with CPython's messages, and printing uncaught exceptions.
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

#include "interp/vm.h"

namespace chaipy {

// -- Code objects -----------------------------------------------------------------------------------
namespace {
Value const_to_value(const Const& c) {
  switch (c.kind) {
    case Const::Kind::None: return Value::none();
    case Const::Kind::True: return Value::true_();
    case Const::Kind::False: return Value::false_();
    case Const::Kind::Ellipsis: return g_ellipsis;
    case Const::Kind::Int: return int_from_i64(c.i);
    case Const::Kind::BigInt: return int_from_string(c.s, 10);
    case Const::Kind::Float: return Value::from_double(c.f);
    case Const::Kind::Complex: return complex_new(c.f, c.imag);
    case Const::Kind::Str: return obj(str_intern(c.s));
    case Const::Kind::Bytes: return bytes_new(c.s);
    case Const::Kind::Tuple: {
      TupleObject* t = tuple_new(c.items.size());
      for (size_t i = 0; i < c.items.size(); i++) t->items[i] = const_to_value(c.items[i]);
      return obj(t);
    }
    case Const::Kind::FrozenSet: {
      SetObject* s = set_new(types::frozenset);
      for (auto& it : c.items) set_add(s, const_to_value(it));
      return obj(s);
    }
    case Const::Kind::Code: return obj(code_from_unit(c.code));
  }
  return Value::none();
}

void code_trace(Object* o, Tracer& t) {
  auto* c = static_cast<CodeObject*>(o);
  for (uint32_t i = 0; i < c->nconsts; i++) t.visit(c->consts[i]);
  for (uint32_t i = 0; i < c->nnames; i++) t.visit(c->names[i]);
  for (uint32_t i = 0; i < c->nlocalsplus; i++) t.visit(c->localsplus_names[i]);
  for (uint32_t i = 0; i < c->ncaches; i++) {
    t.visit(c->caches[i].value);
    if (c->caches[i].shape) t.visit(c->caches[i].shape);
  }
  t.visit(c->name);
  t.visit(c->qualname);
  t.visit(c->filename);
}
void code_finalize(Object* o) {
  auto* c = static_cast<CodeObject*>(o);
  delete[] c->consts;
  delete[] c->names;
  delete[] c->localsplus_names;
  delete[] c->caches;
  delete c->unit;
}
Value code_repr(Value v) {
  auto* c = v.as<CodeObject>();
  return str_value(fmt::format("<code object {} at {:#x}, file \"{}\", line {}>", c->name->view(), v.bits() & Value::kPayloadMask,
                               c->filename->view(), c->firstlineno));
}
}  // namespace

int CodeObject::line_at(uint32_t pc) const {
  const auto& pos = u().positions;
  if (pc < pos.size()) return pos[pc].line;
  return firstlineno;
}

CodeObject* code_from_unit(std::shared_ptr<const CodeUnit> unit) {
  auto* c = gc::make<CodeObject>(types::code);
  const CodeUnit& u = *unit;
  c->unit = new std::shared_ptr<const CodeUnit>(unit);
  c->code = u.code.data();
  c->ncode = uint32_t(u.code.size());
  c->nconsts = uint32_t(u.consts.size());
  c->consts = new Value[c->nconsts + 1];
  c->nnames = uint32_t(u.names.size());
  c->names = new StrObject*[c->nnames + 1];
  c->nlocalsplus = uint32_t(u.localsplus_names.size());
  c->localsplus_names = new StrObject*[c->nlocalsplus + 1];
  c->ncaches = u.ncaches;
  c->caches = new InlineCache[c->ncaches + 1]();
  // Everything above is zero/NULL-initialised before the allocations below can be traced.
  for (uint32_t i = 0; i < c->nnames; i++) c->names[i] = nullptr;
  for (uint32_t i = 0; i < c->nlocalsplus; i++) c->localsplus_names[i] = nullptr;
  for (uint32_t i = 0; i < c->nconsts; i++) c->consts[i] = Value::none();
  for (uint32_t i = 0; i < c->nconsts; i++) c->consts[i] = const_to_value(u.consts[i]);
  for (uint32_t i = 0; i < c->nnames; i++) c->names[i] = str_intern(u.names[i]);
  for (uint32_t i = 0; i < c->nlocalsplus; i++) c->localsplus_names[i] = str_intern(u.localsplus_names[i]);
  c->localsplus_kinds = u.localsplus_kinds.data();
  for (uint8_t k : u.localsplus_kinds) {
    if (k & kCell) c->ncells++;
    if (k & kFree) c->nfree++;
  }
  c->stacksize = uint32_t(u.stacksize);
  c->argcount = uint32_t(u.argcount);
  c->posonlyargcount = uint32_t(u.posonlyargcount);
  c->kwonlyargcount = uint32_t(u.kwonlyargcount);
  c->flags = u.flags;
  c->name = str_intern(u.name);
  c->qualname = str_intern(u.qualname.empty() ? u.name : u.qualname);
  c->filename = str_intern(u.filename);
  c->firstlineno = u.firstlineno;
  return c;
}

// -- Functions, cells, tracebacks ----------------------------------------------------------------------
namespace {
void function_trace(Object* o, Tracer& t) {
  auto* f = static_cast<FunctionObject*>(o);
  t.visit(f->code);
  t.visit(f->globals);
  t.visit(f->builtins);
  t.visit(f->defaults);
  t.visit(f->kwdefaults);
  t.visit(f->closure);
  t.visit(f->name);
  t.visit(f->qualname);
  t.visit(f->module);
  t.visit(f->doc);
  t.visit(f->dict);
}
Value function_call(Value callable, Value* args, size_t nargs, TupleObject* kwnames) {
  return vm_call_function(callable.as<FunctionObject>(), args, nargs, kwnames);
}
void cell_trace(Object* o, Tracer& t) { t.visit(static_cast<CellObject*>(o)->value); }
void traceback_trace(Object* o, Tracer& t) {
  auto* tb = static_cast<TracebackObject*>(o);
  t.visit(tb->next);
  t.visit(tb->code);
}
Value native_call(Value callable, Value* args, size_t nargs, TupleObject* kwnames) {
  auto* f = callable.as<NativeFunctionObject>();
  if (f->self.is_null()) return f->fn(args, nargs, kwnames);
  Value buf[16];
  Value* a = buf;
  std::vector<Value> big;
  if (nargs + 1 > 16) {
    big.resize(nargs + 1);
    a = big.data();
  }
  a[0] = f->self;
  for (size_t i = 0; i < nargs; i++) a[i + 1] = args[i];
  return f->fn(a, nargs + 1, kwnames);
}
void native_trace(Object* o, Tracer& t) {
  auto* f = static_cast<NativeFunctionObject*>(o);
  t.visit(f->owner);
  t.visit(f->self);
  t.visit(f->module);
}
}  // namespace

void init_code_types() {
  types::code->trace = code_trace;
  types::code->finalize = code_finalize;
  types::code->repr = code_repr;
  types::function->trace = function_trace;
  types::function->call = function_call;
  types::cell->trace = cell_trace;
  types::traceback->trace = traceback_trace;
  types::builtin_function->call = native_call;
  types::builtin_function->trace = native_trace;
}

// -- Printing exceptions ------------------------------------------------------------------------------
namespace {
std::string source_line(const std::string& filename, int line) {
  static std::map<std::string, std::vector<std::string>> cache;
  auto it = cache.find(filename);
  if (it == cache.end()) {
    std::vector<std::string> lines;
    std::ifstream in(filename);
    std::string s;
    while (std::getline(in, s)) lines.push_back(s);
    it = cache.emplace(filename, std::move(lines)).first;
  }
  if (line < 1 || size_t(line) > it->second.size()) return "";
  std::string s = it->second[line - 1];
  size_t a = s.find_first_not_of(" \t\f");
  if (a == std::string::npos) return "";
  size_t b = s.find_last_not_of(" \t\r\n");
  return s.substr(a, b - a + 1);
}

std::string exception_type_label(Value e) {
  TypeObject* t = type_of(e);
  std::string name(t->qualname ? t->qualname->view() : t->name->view());
  if (t->module) {
    std::string_view m = t->module->view();
    if (m != "__main__" && m != "builtins") name = std::string(m) + "." + name;
  }
  return name;
}

void print_one(Value e, std::string& out) {
  auto* eo = e.as<ExceptionObject>();
  if (eo->traceback.is_obj()) {
    out += "Traceback (most recent call last):\n";
    for (Value tb = eo->traceback; tb.is_obj(); tb = tb.as<TracebackObject>()->next) {
      auto* t = tb.as<TracebackObject>();
      std::string file(t->code->filename->view());
      out += fmt::format("  File \"{}\", line {}, in {}\n", file, t->lineno, t->code->name->view());
      std::string src = source_line(file, t->lineno);
      if (!src.empty()) out += "    " + src + "\n";
    }
  }
  std::string label = exception_type_label(e);
  if (is_subtype(type_of(e), exc::SyntaxError)) {
    // SyntaxError raised at run time (compile(), import): CPython's two-line location form.
    Value text = getattr_opt(e, str_intern("text"));
    Value lineno = getattr_opt(e, str_intern("lineno"));
    Value filename = getattr_opt(e, str_intern("filename"));
    if (!filename.is_null() && is_str(filename) && !lineno.is_null() && is_int(lineno))
      out += fmt::format("  File \"{}\", line {}\n", as_str(filename)->view(), str_utf8(lineno));
    if (!text.is_null() && is_str(text)) {
      std::string s(as_str(text)->view());
      size_t a = s.find_first_not_of(" \t\f");
      if (a != std::string::npos) {
        size_t b = s.find_last_not_of(" \t\r\n");
        out += "    " + s.substr(a, b - a + 1) + "\n";
      }
    }
    Value msg = getattr_opt(e, str_intern("msg"));
    if (!msg.is_null() && is_str(msg)) {
      out += label + ": " + std::string(as_str(msg)->view()) + "\n";
      return;
    }
  }
  std::string msg = str_utf8(e);
  if (msg.empty())
    out += label + "\n";
  else
    out += label + ": " + msg + "\n";
}

void print_chain(Value e, std::string& out, int depth) {
  auto* eo = e.as<ExceptionObject>();
  if (depth < 100) {
    if (eo->cause.is_obj()) {
      print_chain(eo->cause, out, depth + 1);
      out += "\nThe above exception was the direct cause of the following exception:\n\n";
    } else if (eo->context.is_obj() && !eo->suppress_context) {
      print_chain(eo->context, out, depth + 1);
      out += "\nDuring handling of the above exception, another exception occurred:\n\n";
    }
  }
  print_one(e, out);
}

void flush_stdout() {
  Value sys = dict_get_str(g_sys_modules, str_intern("sys"));
  if (sys.is_null()) return;
  Value out = getattr_opt(sys, str_intern("stdout"));
  if (out.is_null() || out.is_exc()) {
    exc_fetch();
    return;
  }
  Value r = call_method(out, str_intern("flush"), nullptr, 0);
  if (r.is_exc()) exc_fetch();
}
}  // namespace

void print_exception(Value e) {
  flush_stdout();
  std::string out;
  print_chain(e, out, 0);
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
