// interp/modules/_contextvars.cpp — context variables (PEP 567): ContextVar, Token, Context,
// copy_context; the C part of CPython's `contextvars` module.
//
// chaipy runs Python code on one thread, so there is one current context (created empty on first
// use). A Context owns a dict of var -> value; copy() and copy_context() copy it, so a copy never
// sees later changes to the original (CPython shares an immutable HAMT for the same effect).
#include <cinttypes>
#include <cstdio>

#include "interp/objects/objects.h"
#include "interp/runtime.h"

namespace chaipy {
namespace {

struct ContextObject : Object {
  DictObject* vars;
  Value prev;    // the context that was current when run() entered this one
  bool entered;
};

struct ContextVarObject : Object {
  Value name;
  Value default_;  // null: no default
};

struct TokenObject : Object {
  Value ctx, var, old_value;  // old_value: Token.MISSING when the var had no value
  bool used;
};

TypeObject* g_context_type;
TypeObject* g_var_type;
TypeObject* g_token_type;
Value g_current;  // the current Context (null until first used)
Value g_missing;  // Token.MISSING

ContextObject* CTX(Value v) { return v.as<ContextObject>(); }
ContextVarObject* VAR(Value v) { return v.as<ContextVarObject>(); }
TokenObject* TOK(Value v) { return v.as<TokenObject>(); }
bool is_var(Value v) { return v.is_obj() && type_of(v) == g_var_type; }

ContextObject* context_new(DictObject* vars) {
  auto* c = gc::make<ContextObject>(g_context_type);
  c->vars = vars ? vars : dict_new();
  c->prev = Value::null();
  return c;
}

ContextObject* current() {
  if (g_current.is_null()) g_current = obj(context_new(nullptr));
  return CTX(g_current);
}

std::string address(Value v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "0x%" PRIx64, uint64_t(v.bits() & Value::kPayloadMask));
  return buf;
}

// -- Context ---------------------------------------------------------------------------------------
void context_trace(Object* o, Tracer& t) {
  auto* c = static_cast<ContextObject*>(o);
  t.visit(c->vars);
  t.visit(c->prev);
}

Value context_tp_new(TypeObject* type, Value* args, size_t nargs, TupleObject* kw) {
  if (nargs || (kw && kw->size)) return raise(exc::TypeError, "Context() does not accept any arguments");
  return obj(context_new(nullptr));
}

bool check_key(Value key) {
  if (is_var(key)) return true;
  raise_fmt(exc::TypeError, "a ContextVar key was expected, got {}", repr_utf8(key));
  return false;
}

Value context_getitem(Value self, Value key) {
  if (!check_key(key)) return Value::exc();
  Value v = dict_get(CTX(self)->vars, key);
  if (v.is_null()) return raise_key_error(key);
  return v;
}

int context_contains(Value self, Value key) {
  if (!check_key(key)) return -1;
  Value v = dict_get(CTX(self)->vars, key);
  if (v.is_exc()) return -1;
  return v.is_null() ? 0 : 1;
}

int64_t context_len(Value self) { return int64_t(CTX(self)->vars->used); }
Value context_iter(Value self) { return get_iter(obj(CTX(self)->vars)); }

Value context_get_m(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("get", kw) || !check_positional("get", nargs - 1, 1, 2)) return Value::exc();
  if (!check_key(args[1])) return Value::exc();
  Value v = dict_get(CTX(args[0])->vars, args[1]);
  if (v.is_null()) return nargs > 2 ? args[2] : Value::none();
  return v;
}

Value dict_view(Value self, const char* which) {
  return call_method(obj(CTX(self)->vars), str_intern(which), nullptr, 0);
}
Value context_keys_m(Value* args, size_t, TupleObject*) { return dict_view(args[0], "keys"); }
Value context_values_m(Value* args, size_t, TupleObject*) { return dict_view(args[0], "values"); }
Value context_items_m(Value* args, size_t, TupleObject*) { return dict_view(args[0], "items"); }

Value context_copy_m(Value* args, size_t, TupleObject*) { return obj(context_new(dict_copy(CTX(args[0])->vars))); }

// Context.run(callable, *args, **kwargs): callable runs with this context current.
Value context_run_m(Value* args, size_t nargs, TupleObject* kw) {
  size_t npos = nargs - (kw ? kw->size : 0);
  if (npos < 2) return raise(exc::TypeError, "run() missing 1 required positional argument");
  ContextObject* c = CTX(args[0]);
  if (c->entered)
    return raise_fmt(exc::RuntimeError, "cannot enter context: <_contextvars.Context object at {}> is already entered",
                     address(args[0]));
  c->prev = obj(current());
  c->entered = true;
  g_current = args[0];
  Value r = call(args[1], args + 2, nargs - 2, kw);
  g_current = c->prev;
  c->prev = Value::null();
  c->entered = false;
  return r;
}

// -- ContextVar ------------------------------------------------------------------------------------
void var_trace(Object* o, Tracer& t) {
  auto* v = static_cast<ContextVarObject*>(o);
  t.visit(v->name);
  t.visit(v->default_);
}

Value var_tp_new(TypeObject* type, Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"name", "$default", nullptr};
  Value out[2];
  if (!parse_args("ContextVar", args, nargs, kw, names, 1, out)) return Value::exc();
  if (!is_str(out[0])) return raise(exc::TypeError, "context variable name must be a str");
  auto* v = gc::make<ContextVarObject>(g_var_type);
  v->name = out[0];
  v->default_ = out[1];
  return obj(v);
}

Value var_repr(Value self) {
  ContextVarObject* v = VAR(self);
  std::string s = "<ContextVar name=" + repr_utf8(v->name);
  if (!v->default_.is_null()) s += " default=" + repr_utf8(v->default_);
  return str_value(s + " at " + address(self) + ">");
}

int64_t var_hash(Value self) { return int64_t((self.bits() & Value::kPayloadMask) >> 4); }

Value var_name_get(Value* args, size_t, TupleObject*) { return VAR(args[0])->name; }

Value var_get_m(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("get", kw) || !check_positional("get", nargs - 1, 0, 1)) return Value::exc();
  Value v = dict_get(current()->vars, args[0]);
  if (!v.is_null()) return v;
  if (nargs > 1) return args[1];
  if (!VAR(args[0])->default_.is_null()) return VAR(args[0])->default_;
  Value e = call1(obj(exc::LookupError), args[0]);
  if (e.is_exc()) return e;
  return raise_value(e);
}

Value var_set_m(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("set", kw) || !check_nargs("set", nargs - 1, 1, 1)) return Value::exc();
  ContextObject* c = current();
  Value old = dict_get(c->vars, args[0]);
  if (old.is_exc()) return old;
  auto* t = gc::make<TokenObject>(g_token_type);
  t->ctx = obj(c);
  t->var = args[0];
  t->old_value = old.is_null() ? g_missing : old;
  if (dict_set(c->vars, args[0], args[1]) < 0) return Value::exc();
  return obj(t);
}

Value var_reset_m(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("reset", kw) || !check_nargs("reset", nargs - 1, 1, 1)) return Value::exc();
  Value tv = args[1];
  if (!tv.is_obj() || type_of(tv) != g_token_type)
    return raise_fmt(exc::TypeError, "expected an instance of Token, got {}", repr_utf8(tv));
  TokenObject* t = TOK(tv);
  std::string token = "<Token var=" + repr_utf8(t->var) + " at " + address(tv) + ">";
  if (t->used) return raise_fmt(exc::RuntimeError, "{} has already been used once", token);
  if (t->var != args[0]) return raise_fmt(exc::ValueError, "{} was created by a different ContextVar", token);
  ContextObject* c = current();
  if (t->ctx != obj(c)) return raise_fmt(exc::ValueError, "{} was created in a different Context", token);
  t->used = true;
  if (t->old_value == g_missing) {
    Value had = dict_get(c->vars, args[0]);
    if (had.is_exc()) return had;
    if (!had.is_null() && dict_del(c->vars, args[0]) < 0) return Value::exc();
  } else if (dict_set(c->vars, args[0], t->old_value) < 0) {
    return Value::exc();
  }
  return Value::none();
}

// -- Token -----------------------------------------------------------------------------------------
void token_trace(Object* o, Tracer& t) {
  auto* k = static_cast<TokenObject*>(o);
  t.visit(k->ctx);
  t.visit(k->var);
  t.visit(k->old_value);
}

Value token_tp_new(TypeObject* type, Value* args, size_t nargs, TupleObject* kw) {
  return raise(exc::RuntimeError, "Tokens can only be created by ContextVars");
}

Value token_repr(Value self) {
  TokenObject* t = TOK(self);
  return str_value(std::string("<Token") + (t->used ? " used" : "") + " var=" + repr_utf8(t->var) + " at " +
                   address(self) + ">");
}

Value token_var_get(Value* args, size_t, TupleObject*) { return TOK(args[0])->var; }
Value token_old_value_get(Value* args, size_t, TupleObject*) { return TOK(args[0])->old_value; }

// Token.MISSING: a marker object of its own type, repr <Token.MISSING>.
Value missing_repr(Value) { return str_value("<Token.MISSING>"); }

// -- Module ----------------------------------------------------------------------------------------
Value copy_context_f(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("copy_context", kw) || !check_nargs("copy_context", nargs, 0, 0)) return Value::exc();
  return obj(context_new(dict_copy(current()->vars)));
}

// cls[item] -> types.GenericAlias(cls, item) (PEP 585).
Value class_getitem(Value* args, size_t nargs, TupleObject* kw) {
  if (!check_no_kwargs("__class_getitem__", kw) || !check_nargs("__class_getitem__", nargs - 1, 1, 1))
    return Value::exc();
  Value types_mod = import_name(str_intern("types"), nullptr, Value::none(), 0);
  if (types_mod.is_exc()) return types_mod;
  Value alias = getattr(types_mod, str_intern("GenericAlias"));
  if (alias.is_exc()) return alias;
  return call2(alias, args[0], args[1]);
}

TypeObject* new_type(const char* name, uint32_t size, TraceFn trace, NewFn tp_new) {
  TypeObject* t = make_builtin_type(name, types::object, size, 0);
  t->module = str_intern("_contextvars");
  t->trace = trace;
  t->tp_new = tp_new;
  return t;
}

}  // namespace

Value make__contextvars_module() {
  Value m = module_new("_contextvars");
  DictObject* d = m.as<ModuleObject>()->dict;
  gc::add_root(&g_current);
  gc::add_root(&g_missing);

  TypeObject* c = g_context_type = new_type("Context", sizeof(ContextObject), context_trace, context_tp_new);
  c->getitem = context_getitem;
  c->contains = context_contains;
  c->len = context_len;
  c->iter = context_iter;
  c->hash = nullptr;
  dict_set_str(c->dict, str_intern("__hash__"), Value::none());
  type_add_methods(c, {{"get", context_get_m}, {"keys", context_keys_m, kNativeNoArgs},
                       {"values", context_values_m, kNativeNoArgs}, {"items", context_items_m, kNativeNoArgs},
                       {"copy", context_copy_m, kNativeNoArgs}, {"run", context_run_m}});

  TypeObject* v = g_var_type = new_type("ContextVar", sizeof(ContextVarObject), var_trace, var_tp_new);
  v->repr = var_repr;
  v->hash = var_hash;
  type_add_methods(v, {{"get", var_get_m}, {"set", var_set_m}, {"reset", var_reset_m}});
  type_add_getsets(v, {{"name", var_name_get}});

  TypeObject* t = g_token_type = new_type("Token", sizeof(TokenObject), token_trace, token_tp_new);
  t->repr = token_repr;
  type_add_getsets(t, {{"var", token_var_get}, {"old_value", token_old_value_get}});

  TypeObject* mt = make_builtin_type("Token.MISSING", types::object, sizeof(Object), 0);
  mt->module = str_intern("_contextvars");
  mt->repr = missing_repr;
  g_missing = obj(gc::make<Object>(mt));
  dict_set_str(t->dict, str_intern("MISSING"), g_missing);

  for (TypeObject* k : {v, t}) {
    Value cm = call1(obj(types::classmethod), native_function_new("__class_getitem__", class_getitem, k));
    if (cm.is_exc()) return cm;
    dict_set_str(k->dict, str_intern("__class_getitem__"), cm);
  }
  module_add_functions(d, {{"copy_context", copy_context_f}});
  dict_set_str(d, str_intern("Context"), obj(c));
  dict_set_str(d, str_intern("ContextVar"), obj(v));
  dict_set_str(d, str_intern("Token"), obj(t));
  dict_set_str(d, str_intern("__doc__"), str_value("Context Variables"));
  return m;
}

}  // namespace chaipy
