// interp/introspect.cpp — code, frame and traceback objects as Python code sees them: CPython's
// co_* attributes, co_lines()/co_positions()/replace(), frame objects for sys._getframe and
// tb_frame, tb_* attributes, and types.FunctionType(code, globals, ...).
//
// Frames live on the VM's frame stack and vanish when they return, so a frame object is a
// snapshot taken when it is asked for: f_code, f_globals, f_builtins, f_lineno, f_lasti, and
// f_locals (the namespace dict of a module or class body; a dict of the fast locals and cell
// contents of a function) as they were then. f_back is the caller's snapshot, taken at the same
// time. Writes to f_locals of a function frame do not reach the running frame (as in CPython
// without a trace function).
#include "interp/class_internal.h"
#include "interp/vm.h"

namespace chaipy {
namespace {

#define NAME(s) ([] { static StrObject* n_ = str_intern(s); return n_; }())

struct FrameObject : Object {
  CodeObject* code;
  DictObject* globals;
  DictObject* builtins;
  Value locals;
  Value back;  // FrameObject or None
  int32_t lineno, lasti;
};

TypeObject* g_frame_type = nullptr;

// -- Code objects -----------------------------------------------------------------------------------
TupleObject* names_with(CodeObject* c, uint8_t kind) {
  std::vector<Value> out;
  for (uint32_t i = 0; i < c->nlocalsplus; i++)
    if (c->localsplus_kinds[i] & kind) out.push_back(obj(c->localsplus_names[i]));
  TupleObject* t = tuple_new(out.size());
  for (size_t i = 0; i < out.size(); i++) t->items[i] = out[i];
  return t;
}

Value line_or_none(int32_t v) { return v < 0 ? Value::none() : int_from_i64(v); }

Value co_lines_native(Value* args, size_t nargs, TupleObject* kw) {
  if (nargs != 1 || (kw && kw->size)) return raise(exc::TypeError, "co_lines() takes no arguments");
  auto* c = args[0].as<CodeObject>();
  const auto& pos = c->u().positions;
  ListObject* l = list_new(0);
  // Runs of instructions on one line, as (start, end, line) in bytes (2 per code unit, as CPython).
  size_t n = c->ncode, i = 0;
  while (i < n) {
    int32_t line = i < pos.size() ? pos[i].line : -1;
    size_t j = i + 1;
    while (j < n && (j < pos.size() ? pos[j].line : -1) == line) j++;
    list_append(l, tuple_pack({int_from_i64(int64_t(i) * 2), int_from_i64(int64_t(j) * 2), line_or_none(line)}));
    i = j;
  }
  return get_iter(obj(l));
}

Value co_positions_native(Value* args, size_t nargs, TupleObject* kw) {
  if (nargs != 1 || (kw && kw->size)) return raise(exc::TypeError, "co_positions() takes no arguments");
  auto* c = args[0].as<CodeObject>();
  const auto& pos = c->u().positions;
  ListObject* l = list_new(0);
  for (size_t i = 0; i < c->ncode; i++) {
    SourcePos p = i < pos.size() ? pos[i] : SourcePos{};
    list_append(l, tuple_pack({line_or_none(p.line), line_or_none(p.end_line), line_or_none(p.col), line_or_none(p.end_col)}));
  }
  return get_iter(obj(l));
}

// code.replace(**changes): the fields that are plain data in the CodeUnit.
Value co_replace_native(Value* args, size_t nargs, TupleObject* kw) {
  size_t nk = kw ? kw->size : 0;
  if (nargs - nk != 1) return raise_fmt(exc::TypeError, "replace() takes no positional arguments");
  auto* c = args[0].as<CodeObject>();
  auto unit = std::make_shared<CodeUnit>(c->u());
  for (size_t i = 0; i < nk; i++) {
    std::string_view k = as_str(kw->items[i])->view();
    Value v = args[1 + i];
    auto need_str = [&](std::string* out) {
      if (!is_str(v)) return raise_fmt(exc::TypeError, "replace() argument '{}' must be str, not {}", k, type_name(v)).is_exc() && false;
      *out = std::string(as_str(v)->view());
      return true;
    };
    auto need_int = [&](int32_t* out) {
      int64_t x;
      if (!is_int(v) || !int_to_i64(v, &x))
        return raise_fmt(exc::TypeError, "replace() argument '{}' must be int, not {}", k, type_name(v)).is_exc() && false;
      *out = int32_t(x);
      return true;
    };
    bool ok;
    int32_t flags;
    if (k == "co_name") ok = need_str(&unit->name);
    else if (k == "co_qualname") ok = need_str(&unit->qualname);
    else if (k == "co_filename") ok = need_str(&unit->filename);
    else if (k == "co_firstlineno") ok = need_int(&unit->firstlineno);
    else if (k == "co_flags") {
      ok = need_int(&flags);
      unit->flags = uint32_t(flags);
    } else {
      return raise_fmt(exc::TypeError, "chaipy: code.replace() does not support '{}' yet", k);
    }
    if (!ok) return Value::exc();
  }
  return obj(code_from_unit(std::move(unit)));
}

Value code_getattr(Value self, StrObject* name) {
  auto* c = self.as<CodeObject>();
  std::string_view n = name->view();
  if (n.size() > 3 && n.substr(0, 3) == "co_") {
    std::string_view k = n.substr(3);
    if (k == "name") return obj(c->name);
    if (k == "qualname") return obj(c->qualname);
    if (k == "filename") return obj(c->filename);
    if (k == "firstlineno") return int_from_i64(c->firstlineno);
    if (k == "argcount") return int_from_i64(c->argcount);
    if (k == "posonlyargcount") return int_from_i64(c->posonlyargcount);
    if (k == "kwonlyargcount") return int_from_i64(c->kwonlyargcount);
    if (k == "flags") return int_from_i64(c->flags);
    if (k == "stacksize") return int_from_i64(c->stacksize);
    if (k == "varnames") return obj(names_with(c, kLocal));
    if (k == "nlocals") return int_from_i64(int64_t(names_with(c, kLocal)->size));
    if (k == "cellvars") return obj(names_with(c, kCell));
    if (k == "freevars") return obj(names_with(c, kFree));
    if (k == "names") {
      TupleObject* t = tuple_new(c->nnames);
      for (uint32_t i = 0; i < c->nnames; i++) t->items[i] = obj(c->names[i]);
      return obj(t);
    }
    if (k == "consts") {
      TupleObject* t = tuple_new(c->nconsts);
      for (uint32_t i = 0; i < c->nconsts; i++) t->items[i] = c->consts[i];
      return obj(t);
    }
    if (k == "code") {
      return bytes_new(std::string_view(reinterpret_cast<const char*>(c->code), c->ncode * sizeof(uint32_t)));
    }
    if (k == "lnotab" || k == "linetable" || k == "exceptiontable") return bytes_new("");
  }
  return generic_getattr(self, name);
}

Value code_richcompare(Value a, Value b, CmpOp op) {
  if ((op != CmpOp::EQ && op != CmpOp::NE) || !isinstance_exact(b, types::code)) return g_not_implemented;
  bool same = a == b;
  return Value::from_bool(op == CmpOp::EQ ? same : !same);
}

// -- Frames ---------------------------------------------------------------------------------------------
void frame_trace(Object* o, Tracer& t) {
  auto* f = static_cast<FrameObject*>(o);
  t.visit(f->code);
  t.visit(f->globals);
  t.visit(f->builtins);
  t.visit(f->locals);
  t.visit(f->back);
}

Value frame_repr(Value self) {
  auto* f = self.as<FrameObject>();
  return str_value(fmt::format("<frame at {:#x}, file '{}', line {}, code {}>", uintptr_t(f), f->code->filename->view(),
                               f->lineno, f->code->name->view()));
}

Value frame_getattr(Value self, StrObject* name) {
  auto* f = self.as<FrameObject>();
  std::string_view n = name->view();
  if (n == "f_code") return obj(f->code);
  if (n == "f_globals") return obj(f->globals);
  if (n == "f_builtins") return obj(f->builtins);
  if (n == "f_locals") return f->locals;
  if (n == "f_back") return f->back;
  if (n == "f_lineno") return int_from_i64(f->lineno);
  if (n == "f_lasti") return int_from_i64(int64_t(f->lasti) * 2);
  if (n == "f_trace") return Value::none();
  if (n == "f_trace_lines") return Value::true_();
  if (n == "f_trace_opcodes") return Value::false_();
  return generic_getattr(self, name);
}

Value frame_clear_native(Value* args, size_t nargs, TupleObject* kw) { return Value::none(); }

TypeObject* frame_type() {
  if (g_frame_type) return g_frame_type;
  TypeObject* t = make_builtin_type("frame", types::object, sizeof(FrameObject), kTypeWeakrefable);
  t->trace = frame_trace;
  t->repr = frame_repr;
  t->getattr = frame_getattr;
  type_add_methods(t, {{"clear", frame_clear_native}});
  g_frame_type = t;
  return t;
}

Value locals_snapshot(Frame* fr) {
  if (fr->locals) return obj(fr->locals);
  if (fr->flags & kFrameModule) return obj(fr->globals);
  CodeObject* c = fr->code;
  DictObject* d = dict_new();
  for (uint32_t i = 0; i < c->nlocalsplus; i++) {
    Value v = fr->localsplus[i];
    if ((c->localsplus_kinds[i] & (kCell | kFree)) && v.is_obj() && v.as_obj()->type == types::cell)
      v = v.as<CellObject>()->value;
    if (!v.is_null()) dict_set_str(d, c->localsplus_names[i], v);
  }
  return obj(d);
}

FrameObject* snapshot(Frame* fr) {
  auto* f = gc::make<FrameObject>(frame_type());
  f->code = fr->code;
  f->globals = fr->globals;
  f->builtins = fr->builtins;
  f->locals = locals_snapshot(fr);
  f->lasti = fr->lasti;
  f->lineno = fr->code->line_at(uint32_t(fr->lasti));
  f->back = Value::none();
  return f;
}

// The frame object of `fr` and its callers (snapshots, linked outward through f_back).
Value frame_chain(Frame* fr) {
  FrameObject* head = nullptr;
  FrameObject* last = nullptr;
  for (; fr; fr = fr->prev) {
    FrameObject* f = snapshot(fr);
    if (!head) head = f;
    if (last) last->back = obj(f);
    last = f;
  }
  return head ? obj(head) : Value::none();
}

// -- Tracebacks -------------------------------------------------------------------------------------------
Value traceback_getattr(Value self, StrObject* name) {
  auto* tb = self.as<TracebackObject>();
  std::string_view n = name->view();
  if (n == "tb_next") return tb->next.is_null() ? Value::none() : tb->next;
  if (n == "tb_lineno") return int_from_i64(tb->lineno);
  if (n == "tb_lasti") return int_from_i64(int64_t(tb->lasti) * 2);
  if (n == "tb_frame") {
    if (tb->frame.is_null() || tb->frame.is_none()) {
      auto* f = gc::make<FrameObject>(frame_type());
      f->code = tb->code;
      f->globals = tb->globals ? tb->globals : dict_new();
      f->builtins = g_builtins;
      f->locals = obj(f->globals);
      f->lasti = tb->lasti;
      f->lineno = tb->lineno;
      f->back = Value::none();
      tb->frame = obj(f);
    }
    return tb->frame;
  }
  return generic_getattr(self, name);
}

int traceback_setattr(Value self, StrObject* name, Value v) {
  if (name->view() == "tb_next") {
    if (v.is_null()) {
      raise(exc::TypeError, "can't delete tb_next attribute");
      return -1;
    }
    if (!v.is_none() && !isinstance_exact(v, types::traceback)) {
      raise_fmt(exc::TypeError, "expected traceback object or None, got '{}'", type_name(v));
      return -1;
    }
    for (Value t = v; t.is_obj(); t = t.as<TracebackObject>()->next)
      if (t == self) {
        raise(exc::ValueError, "traceback loop detected");
        return -1;
      }
    self.as<TracebackObject>()->next = v;
    return 0;
  }
  return generic_setattr(self, name, v);
}

// -- types.FunctionType(code, globals, name=None, argdefs=None, closure=None) ------------------------------
Value function_tp_new(TypeObject* t, Value* args, size_t nargs, TupleObject* kw) {
  static const char* const names[] = {"code", "globals", "name", "argdefs", "closure", nullptr};
  Value a[5];
  if (!parse_args("function", args, nargs, kw, names, 2, a)) return Value::exc();
  if (!isinstance_exact(a[0], types::code))
    return raise_fmt(exc::TypeError, "function() argument 'code' must be code, not {}", type_name(a[0]));
  if (!is_dict(a[1])) return raise_fmt(exc::TypeError, "function() argument 'globals' must be dict, not {}", type_name(a[1]));
  auto* code = a[0].as<CodeObject>();
  DictObject* globals = a[1].as<DictObject>();
  Value b = dict_get_str(globals, NAME("__builtins__"));
  DictObject* builtins = g_builtins;
  if (!b.is_null()) {
    if (is_dict(b)) builtins = b.as<DictObject>();
    else if (isinstance_exact(b, types::module)) builtins = b.as<ModuleObject>()->dict;
  }
  FunctionObject* f = function_new(code, globals, builtins);
  if (!a[2].is_null() && !a[2].is_none()) {
    if (!is_str(a[2])) return raise(exc::TypeError, "arg 3 (name) must be None or string");
    f->name = as_str(a[2]);
  }
  if (!a[3].is_null() && !a[3].is_none()) {
    if (!is_tuple(a[3])) return raise(exc::TypeError, "arg 4 (defaults) must be None or tuple");
    f->defaults = a[3].as<TupleObject>();
  }
  uint32_t nfree = code->nfree;
  if (!a[4].is_null() && !a[4].is_none()) {
    if (!is_tuple(a[4])) return raise(exc::TypeError, "arg 5 (closure) must be tuple");
    TupleObject* cl = a[4].as<TupleObject>();
    if (cl->size != nfree)
      return raise_fmt(exc::ValueError, "{} requires closure of length {}, not {}", code->name->view(), nfree, cl->size);
    for (uint64_t i = 0; i < cl->size; i++)
      if (!isinstance_exact(cl->items[i], types::cell))
        return raise_fmt(exc::TypeError, "arg 5 (closure) expected cell, found {}", type_name(cl->items[i]));
    f->closure = cl;
  } else if (nfree) {
    return raise(exc::TypeError, "arg 5 (closure) must be tuple");
  }
  return obj(f);
}

}  // namespace

Value sys_getframe(int64_t depth) {
  Frame* fr = vm_current_frame();
  for (; fr && depth > 0; depth--) fr = fr->prev;
  if (!fr) return raise(exc::ValueError, "call stack is not deep enough");
  return frame_chain(fr);
}

void init_introspection() {
  types::code->getattr = code_getattr;
  types::code->richcompare = code_richcompare;
  type_add_methods(types::code, {{"co_lines", co_lines_native},
                                 {"co_positions", co_positions_native},
                                 {"replace", co_replace_native}});
  cls::type_add_attribute_descrs(types::code, true, {"co_argcount", "co_posonlyargcount", "co_kwonlyargcount",
                                                     "co_stacksize", "co_flags", "co_nlocals", "co_consts", "co_names",
                                                     "co_filename", "co_name", "co_qualname", "co_firstlineno",
                                                     "co_linetable", "co_exceptiontable"});
  cls::type_add_attribute_descrs(types::code, false, {"co_varnames", "co_cellvars", "co_freevars", "co_code",
                                                      "co_lnotab"});
  cls::type_add_attribute_descrs(frame_type(), true, {"f_back", "f_trace_lines", "f_trace_opcodes"});
  cls::type_add_attribute_descrs(frame_type(), false, {"f_locals", "f_lineno", "f_trace", "f_globals", "f_builtins",
                                                       "f_code", "f_lasti"});
  types::traceback->getattr = traceback_getattr;
  types::traceback->setattr = traceback_setattr;
  types::function->tp_new = function_tp_new;
  cls::type_add_attribute_descrs(types::traceback, true, {"tb_frame", "tb_lasti", "tb_lineno"});
  cls::type_add_attribute_descrs(types::traceback, false, {"tb_next"});
}

}  // namespace chaipy
