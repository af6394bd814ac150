// interp/vm_support.cpp — code objects from CodeUnits, function/cell/traceback types, argument
// binding with CPython's messages.
#include <cstdio>
#include <cstring>
#include <new>

#include "interp/objects/objects.h"
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
    case Const::Kind::BigInt: return int_from_decimal_literal(c.s);
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
      // CPython's compiler rebuilds the constant twice, each time adding the items in the
      // previous set's table order (_PyCode_ConstantKey's set of keys, then the frozenset
      // merge_consts_recursive makes from it): the same passes give python3's iteration order
      // for the same hashes (PYTHONHASHSEED). The native stack keeps `s` alive (GC).
      for (int pass = 0; pass < 2; pass++) {
        SetObject* r = set_new(types::frozenset);
        for (uint64_t i = 0; i <= s->mask; i++)
          if (!s->table[i].key.is_null() && s->table[i].key != kSetDummy) set_add(r, s->table[i].key);
        s = r;
      }
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
  c->unit->~shared_ptr();
  ::operator delete(static_cast<void*>(c->unit));  // the block code_from_unit allocated
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
  c->code = u.code.data();
  c->ncode = uint32_t(u.code.size());
  c->nconsts = uint32_t(u.consts.size());
  c->nnames = uint32_t(u.names.size());
  c->nlocalsplus = uint32_t(u.localsplus_names.size());
  c->ncaches = u.ncaches;
  // The CodeUnit reference and the four arrays (each with a spare slot, so none is empty) share
  // one allocation, freed by code_finalize: importing a big module makes thousands of these.
  using UnitRef = std::shared_ptr<const CodeUnit>;
  static_assert(sizeof(UnitRef) % alignof(InlineCache) == 0 && sizeof(InlineCache) % alignof(Value) == 0 &&
                sizeof(Value) == sizeof(StrObject*));
  const size_t ncaches = c->ncaches + 1, nconsts = c->nconsts + 1, nnames = c->nnames + 1, nlocals = c->nlocalsplus + 1;
  char* block = static_cast<char*>(
      ::operator new(sizeof(UnitRef) + ncaches * sizeof(InlineCache) + (nconsts + nnames + nlocals) * sizeof(Value)));
  c->unit = new (block) UnitRef(std::move(unit));
  block += sizeof(UnitRef);
  c->caches = reinterpret_cast<InlineCache*>(block);
  std::memset(static_cast<void*>(c->caches), 0, ncaches * sizeof(InlineCache));
  c->consts = reinterpret_cast<Value*>(block + ncaches * sizeof(InlineCache));
  c->names = reinterpret_cast<StrObject**>(c->consts + nconsts);
  c->localsplus_names = c->names + nnames;
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
  t.visit(f->annotations);
}
Value function_call(Value callable, Value* args, size_t nargs, TupleObject* kwnames) {
  return vm_call_function(callable.as<FunctionObject>(), args, nargs, kwnames);
}
void cell_trace(Object* o, Tracer& t) { t.visit(static_cast<CellObject*>(o)->value); }
void traceback_trace(Object* o, Tracer& t) {
  auto* tb = static_cast<TracebackObject*>(o);
  t.visit(tb->next);
  t.visit(tb->code);
  t.visit(tb->globals);
  t.visit(tb->frame);
}
Value native_call(Value callable, Value* args, size_t nargs, TupleObject* kwnames) {
  auto* f = callable.as<NativeFunctionObject>();
  if (!native_check_self(f, args, nargs)) return Value::exc();
  if (f->arity != kNativeVarArgs) {
    size_t given = f->self.is_null() && f->owner ? (nargs ? nargs - 1 : 0) : nargs;
    if (!native_check_arity(f, given, kwnames)) return Value::exc();
  }
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
  init_introspection();
}

// Printing uncaught exceptions (print_exception / handle_uncaught) lives in interp/traceback.cpp.

}  // namespace chaipy
