// interp/modules/_contextvars.cpp — the _contextvars module (PEP 567): Context, ContextVar, Token
// and copy_context, with CPython's semantics and messages.
//
// A Context maps ContextVars to values through a dict that is never changed once a context holds
// it: ContextVar.set / reset install a modified copy in the current context, so copy_context() is
// O(1) and a copy never sees later changes (CPython uses a HAMT for the same effect). One thread:
// the current context is one global, created empty on first use; Context.run enters a context
// and restores the previous one on the way out.
#include <fmt/format.h>

#include "interp/modules/modules.h"
#include "interp/objects/objects.h"
#include "interp/runtime.h"
#include "interp/vm.h"

namespace chaipy {
namespace {

struct ContextObject : Object {
  DictObject* vars;      // ContextVar -> value; never mutated while installed
  ContextObject* prev;   // the context Context.run replaced, while entered
  bool entered;
};
struct ContextVarObject : Object {
  StrObject* name;
  Value default_value;   // null when none
};
struct TokenObject : Object {
  ContextObject* ctx;
  ContextVarObject* var;
  Value old_value;       // Token.MISSING when the variable had no value
  bool used;
};

TypeObject *g_context_type, *g_var_type, *g_token_type, *g_missing_type;
Value g_missing;               // Token.MISSING
ContextObject* g_current;      // the current context (null until first needed)

ContextObject* C(Value v) { return v.as<ContextObject>(); }
ContextVarObject* V(Value v) { return v.as<ContextVarObject>(); }
TokenObject* T(Value v) { return v.as<TokenObject>(); }

ContextObject* context_new(DictObject* vars) {
  auto* c = gc::make<ContextObject>(g_context_type);
  c->vars = vars;
  return c;
}

ContextObject* current() {
  if (!g_current) g_current = context_new(dict_new());
  return g_current;
}

void trace_current(Tracer& t) {
  t.visit(g_current);
  t.visit(g_missing);
}

// -- Context ----------------------------------------------------------------------------------------
void context_trace(Object* o, Tracer& t) {
  auto* c = static_cast<ContextObject*>(o);
  t.visit(c->vars);
  t.visit(c->prev);
}

Value context_tp_new(TypeObject*, Value*, size_t nargs, TupleObject* kw) {
  if (nargs || (kw && kw->size)) return raise(exc::TypeError, "Context() does not accept any arguments");
  return obj(context_new(dict_new()));
}

bool check_var_key(Value key) {
  if (type_of(key) == g_var_type) return true;
  raise_fmt(exc::TypeError, "a ContextVar key was expected, got {}", repr_utf8(key));
  return false;
}

Value context_getitem(Value self, Value key) {
  if (!check_var_key(key)) return Value::exc();
  Value v = dict_get(C(self)->vars, key);
  return v.is_null() ? raise_key_error(key) : v;
}

int context_contains(Value self, Value key) {
  if (!check_var_key(key)) return -1;
  Value v = dict_get(C(self)->vars, key);
  return v.is_exc() ? -1 : !v.is_null();
}

int64_t context_len(Value self) { return int64_t(C(self)->vars->used); }

Value context_iter(Value self) { return get_iter(obj(C(self)->vars)); }

Value context_richcompare(Value a, Value b, CmpOp op) {
  if ((op != CmpOp::EQ && op != CmpOp::NE) || type_of(a) != g_context_type || type_of(b) != g_context_type)
    return g_not_implemented;
  return richcompare(obj(C(a)->vars), obj(C(b)->vars), op);
}

Value context_get(Value* a, size_t n, TupleObject* kw) {
  if (!check_no_kwargs("get", kw) || !check_positional("get", n - 1, 1, 2)) return Value::exc();
  if (!check_var_key(a[1])) return Value::exc();
  Value v = dict_get(C(a[0])->vars, a[1]);
  if (!v.is_null()) return v;
  return n > 2 ? a[2] : Value::none();
}

// keys() / values() / items(): views of the (never changing) mapping the context holds.
template <const char* kName>
Value context_view(Value* a, size_t, TupleObject*) {
  return call_method(obj(C(a[0])->vars), str_intern(kName), nullptr, 0);
}
constexpr char kKeys[] = "keys", kValues[] = "values", kItems[] = "items";

Value context_copy(Value* a, size_t, TupleObject*) { return obj(context_new(C(a[0])->vars)); }

Value context_run(Value* a, size_t n, TupleObject* kw) {
  size_t nkw = kw ? kw->size : 0;
  if (n - nkw < 2) return raise(exc::TypeError, "run() missing 1 required positional argument");
  ContextObject* ctx = C(a[0]);
  if (ctx->entered)
    return raise_fmt(exc::RuntimeError, "cannot enter context: {} is already entered", repr_utf8(a[0]));
  ctx->prev = current();
  ctx->entered = true;
  g_current = ctx;
  Value r = call(a[1], a + 2, n - 2, kw);
  g_current = ctx->prev;
  ctx->prev = nullptr;
  ctx->entered = false;
  return r;
}

Value cv_copy_context(Value*, size_t n, TupleObject* kw) {
  if (!check_no_kwargs("copy_context", kw) || !check_nargs("copy_context", n, 0, 0)) return Value::exc();
  return obj(context_new(current()->vars));
}

// -- ContextVar -------------------------------------------------------------------------------------
void var_trace(Object* o, Tracer& t) {
  auto* v = static_cast<ContextVarObject*>(o);
  t.visit(v->name);
  t.visit(v->default_value);
}

Value var_tp_new(TypeObject*, Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"name", "$default", nullptr};
  Value a[2];
  if (!parse_args("ContextVar", args, nargs, kw, names, 1, a)) return Value::exc();
  if (!is_str(a[0])) return raise(exc::TypeError, "context variable name must be a str");
  auto* v = gc::make<ContextVarObject>(g_var_type);
  v->name = as_str(a[0]);
  v->default_value = a[1];
  return obj(v);
}

Value var_repr(Value self) {
  ContextVarObject* v = V(self);
  std::string s = "<ContextVar name=" + repr_utf8(obj(v->name));
  if (!v->default_value.is_null()) s += " default=" + repr_utf8(v->default_value);
  return str_value(s + fmt::format(" at {:#x}>", uintptr_t(v)));
}

int64_t var_hash(Value self) { return int64_t(uintptr_t(self.as<Object>()) >> 4); }

Value var_name(Value* a, size_t, TupleObject*) { return obj(V(a[0])->name); }

Value var_get(Value* a, size_t n, TupleObject* kw) {
  if (!check_no_kwargs("get", kw) || !check_positional("get", n - 1, 0, 1)) return Value::exc();
  ContextVarObject* v = V(a[0]);
  Value r = dict_get(current()->vars, a[0]);
  if (!r.is_null()) return r;
  if (n > 1) return a[1];
  if (!v->default_value.is_null()) return v->default_value;
  return raise_value(call1(obj(exc::LookupError), a[0]));
}

// Installs a copy of the current context's mapping with `var` set to `value` (null: removed).
bool install(Value var, Value value) {
  ContextObject* ctx = current();
  DictObject* d = dict_copy(ctx->vars);
  if ((value.is_null() ? dict_del(d, var) : dict_set(d, var, value)) < 0) return false;
  ctx->vars = d;
  return true;
}

Value var_set(Value* a, size_t, TupleObject*) {
  ContextObject* ctx = current();
  Value old = dict_get(ctx->vars, a[0]);
  if (old.is_exc()) return old;
  auto* t = gc::make<TokenObject>(g_token_type);
  t->ctx = ctx;
  t->var = V(a[0]);
  t->old_value = old.is_null() ? g_missing : old;
  if (!install(a[0], a[1])) return Value::exc();
  return obj(t);
}

Value var_reset(Value* a, size_t, TupleObject*) {
  if (type_of(a[1]) != g_token_type)
    return raise_fmt(exc::TypeError, "expected an instance of Token, got {}", repr_utf8(a[1]));
  TokenObject* t = T(a[1]);
  if (t->used) return raise_fmt(exc::RuntimeError, "{} has already been used once", repr_utf8(a[1]));
  if (obj(t->var) != a[0])
    return raise_fmt(exc::ValueError, "{} was created by a different ContextVar", repr_utf8(a[1]));
  if (t->ctx != current()) return raise_fmt(exc::ValueError, "{} was created in a different Context", repr_utf8(a[1]));
  t->used = true;
  if (!install(a[0], t->old_value == g_missing ? Value::null() : t->old_value)) return Value::exc();
  return Value::none();
}

// -- Token ------------------------------------------------------------------------------------------
void token_trace(Object* o, Tracer& t) {
  auto* k = static_cast<TokenObject*>(o);
  t.visit(k->ctx);
  t.visit(k->var);
  t.visit(k->old_value);
}

Value token_tp_new(TypeObject*, Value*, size_t, TupleObject*) {
  return raise(exc::RuntimeError, "Tokens can only be created by ContextVars");
}

Value token_repr(Value self) {
  TokenObject* t = T(self);
  return str_value(fmt::format("<Token{} var={} at {:#x}>", t->used ? " used" : "", repr_utf8(obj(t->var)),
                               uintptr_t(t)));
}

Value token_var(Value* a, size_t, TupleObject*) { return obj(T(a[0])->var); }
Value token_old_value(Value* a, size_t, TupleObject*) { return T(a[0])->old_value; }

Value missing_repr(Value) { return str_value("<Token.MISSING>"); }

void init_types() {
  g_context_type = make_builtin_type("Context", types::object, sizeof(ContextObject), 0);
  g_context_type->module = str_intern("_contextvars");
  g_context_type->trace = context_trace;
  g_context_type->tp_new = context_tp_new;
  g_context_type->getitem = context_getitem;
  g_context_type->contains = context_contains;
  g_context_type->len = context_len;
  g_context_type->iter = context_iter;
  g_context_type->richcompare = context_richcompare;
  type_add_methods(g_context_type, {{"get", context_get},
                                    {"keys", context_view<kKeys>, kNativeNoArgs},
                                    {"values", context_view<kValues>, kNativeNoArgs},
                                    {"items", context_view<kItems>, kNativeNoArgs},
                                    {"copy", context_copy, kNativeNoArgs},
                                    {"run", context_run}});
  g_context_type->hash = nullptr;  // unhashable
  dict_set_str(g_context_type->dict, str_intern("__hash__"), Value::none());

  g_var_type = make_builtin_type("ContextVar", types::object, sizeof(ContextVarObject), 0);
  g_var_type->module = str_intern("_contextvars");
  g_var_type->trace = var_trace;
  g_var_type->tp_new = var_tp_new;
  g_var_type->repr = var_repr;
  g_var_type->hash = var_hash;
  type_add_methods(g_var_type, {{"get", var_get}, {"set", var_set, kNativeOneArg}, {"reset", var_reset, kNativeOneArg}});
  type_add_getsets(g_var_type, {{"name", var_name}});
  type_add_classmethod(g_var_type, "__class_getitem__", class_getitem_generic_alias);

  g_missing_type = make_builtin_type("Token.MISSING", types::object, sizeof(Object), 0);
  g_missing_type->module = str_intern("_contextvars");
  g_missing_type->repr = missing_repr;
  g_missing = obj(gc::make<Object>(g_missing_type));

  g_token_type = make_builtin_type("Token", types::object, sizeof(TokenObject), 0);
  g_token_type->module = str_intern("_contextvars");
  g_token_type->trace = token_trace;
  g_token_type->tp_new = token_tp_new;
  g_token_type->repr = token_repr;
  type_add_getsets(g_token_type, {{"var", token_var}, {"old_value", token_old_value}});
  type_add_classmethod(g_token_type, "__class_getitem__", class_getitem_generic_alias);
  dict_set_str(g_token_type->dict, str_intern("MISSING"), g_missing);
  gc::add_root_scanner(trace_current);
}

}  // namespace

Value make__contextvars_module() {
  if (!g_context_type) init_types();
  Value m = module_new("_contextvars");
  DictObject* d = m.as<ModuleObject>()->dict;
  module_add_functions(d, {{"copy_context", cv_copy_context}});
  dict_set_str(d, str_intern("Context"), obj(g_context_type));
  dict_set_str(d, str_intern("ContextVar"), obj(g_var_type));
  dict_set_str(d, str_intern("Token"), obj(g_token_type));
  return m;
}

}  // namespace chaipy
