// interp/vm.cpp — the bytecode interpreter loop (computed goto), frames, calls, unwinding.
//
// Invariants:
//  * `f` is the running frame; `sp` its stack top; `ip` the instruction being executed and `pc`
//    the next word. Before anything that can run Python code or collect, SAVE() writes pc/sp
//    back to the frame so the GC sees the stack and a nested loop can push frames above it.
//  * Operands stay on the stack until an operation that may fail or re-enter has finished, so
//    they remain rooted while it runs.
//  * An error jumps to `error` with the exception pending; unwinding consults the exception
//    table, pops frames up to the entry frame and returns Value::exc() from there.
#include <pthread.h>
#include <sys/mman.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <new>
#include <stdexcept>

#include "interp/safepoint.h"
#include "interp/vm.h"
#include "interp/limits.h"
#include "interp/objects/objects.h"

namespace chaipy {

JitHooks g_jit;

// -- The frame stack -----------------------------------------------------------------------------------
namespace {
constexpr size_t kFrameStackBytes = size_t(1) << 30;  // reserved, committed on touch
char* g_stack_lo = nullptr;
char* g_stack_hi = nullptr;
char* g_stack_top = nullptr;     // first free byte
Frame* g_frame = nullptr;        // innermost running Python frame
int64_t g_depth = 0;             // Python frames live
int64_t g_c_depth = 0;           // native recursion levels (recursion_enter); both count against the limit
int g_native_depth = 0;          // nested interpreter loops
Value g_handled = Value::null(); // exception being handled (sys.exc_info)
bool g_yielded = false;          // set by YIELD_VALUE for gen_resume
StrObject* g_str_init = nullptr;  // "__init__"
NativeFn g_len_fn = nullptr;      // builtins.len's function (CALL inlines len of built-in containers)

void trace_frames(Tracer& t) {
  t.visit(g_handled);
  for (Frame* f = g_frame; f; f = f->prev) {
    t.visit(f->code);
    t.visit(f->func);
    t.visit(f->globals);
    t.visit(f->builtins);
    t.visit(f->locals);
    Value* end = f->sp ? f->sp : f->stack_base();
    for (Value* v = f->localsplus; v < end; v++) t.visit(*v);
  }
}

// Pushes an empty frame for `co` (every local unbound) without the recursion-limit check.
Frame* push_frame_unchecked(CodeObject* co) {
  size_t bytes = sizeof(Frame) + sizeof(Value) * (co->nlocalsplus + co->stacksize);
  auto* f = reinterpret_cast<Frame*>(g_stack_top);
  g_stack_top += bytes;
  f->code = co;
  f->func = nullptr;
  f->prev = g_frame;
  f->locals = nullptr;
  f->pc = co->code;
  f->sp = f->stack_base();
  f->flags = 0;
  f->lasti = 0;
  for (uint32_t i = 0; i < co->nlocalsplus; i++) f->localsplus[i] = Value::null();
  g_frame = f;
  g_depth++;
  return f;
}

Frame* push_frame(CodeObject* co) {
  size_t bytes = sizeof(Frame) + sizeof(Value) * (co->nlocalsplus + co->stacksize);
  if (g_depth + g_c_depth >= g_recursion_limit || g_stack_top + bytes > g_stack_hi) {
    raise(exc::RecursionError, "maximum recursion depth exceeded");
    return nullptr;
  }
  return push_frame_unchecked(co);
}
void pop_frame(Frame* f) {
  g_frame = f->prev;
  g_stack_top = reinterpret_cast<char*>(f);
  g_depth--;
}

std::string func_label(FunctionObject* fn) { return std::string(fn->qualname->view()) + "()"; }

// Formats "'a', 'b' and 'c'" for missing-argument messages.
std::string join_names(const std::vector<std::string>& names) {
  std::string s;
  for (size_t i = 0; i < names.size(); i++) {
    if (i) s += names.size() == 2 ? " and " : (i + 1 == names.size() ? ", and " : ", ");
    s += "'" + names[i] + "'";
  }
  return s;
}

// Binds call arguments into a fresh frame's localsplus (CPython's positional/keyword rules and
// error messages). Returns false after raising.
bool bind_args(FunctionObject* fn, Frame* f, Value* args, size_t nargs, TupleObject* kwnames) {
  CodeObject* co = fn->code;
  Value* locals = f->localsplus;
  size_t nkw = kwnames ? kwnames->size : 0;
  size_t npos = nargs - nkw;
  uint32_t argc = co->argcount, kwonly = co->kwonlyargcount;
  uint32_t total = argc + kwonly;
  bool varargs = co->flags & CO_VARARGS, varkw = co->flags & CO_VARKEYWORDS;
  size_t n = npos < argc ? npos : argc;
  for (size_t i = 0; i < n; i++) locals[i] = args[i];
  if (varargs) {
    size_t extra = npos > argc ? npos - argc : 0;
    TupleObject* t = tuple_new(extra);
    for (size_t i = 0; i < extra; i++) t->items[i] = args[argc + i];
    locals[total] = obj(t);
  } else if (npos > argc) {
    size_t ndef = fn->defaults ? fn->defaults->size : 0;
    size_t kwgiven = 0;
    for (size_t k = 0; k < nkw; k++) {
      StrObject* kn = as_str(kwnames->items[k]);
      for (uint32_t i = argc; i < total; i++)
        if (co->localsplus_names[i] == kn || co->localsplus_names[i]->view() == kn->view()) kwgiven++;
    }
    std::string kwpart = kwgiven ? fmt::format(" positional argument{} (and {} keyword-only argument{})", argc == 1 ? "" : "s", kwgiven, kwgiven == 1 ? "" : "s")
                                 : fmt::format(" positional argument{}", argc == 1 && ndef == 0 ? "" : "s");
    if (ndef)
      raise_fmt(exc::TypeError, "{} takes from {} to {}{} but {} {} given", func_label(fn), argc - ndef, argc, kwpart, npos,
                npos == 1 ? "was" : "were");
    else
      raise_fmt(exc::TypeError, "{} takes {}{} but {} {} given", func_label(fn), argc, kwpart, npos, npos == 1 ? "was" : "were");
    return false;
  }
  DictObject* kwdict = nullptr;
  if (varkw) {
    kwdict = dict_new();
    locals[total + (varargs ? 1 : 0)] = obj(kwdict);
  }
  for (size_t k = 0; k < nkw; k++) {
    StrObject* kn = as_str(kwnames->items[k]);
    Value v = args[npos + k];
    uint32_t i = co->posonlyargcount;
    for (; i < total; i++)
      if (co->localsplus_names[i] == kn) break;
    if (i == total)
      for (i = co->posonlyargcount; i < total; i++)
        if (co->localsplus_names[i]->view() == kn->view()) break;
    if (i == total) {
      if (kwdict) {
        if (dict_set(kwdict, obj(kn), v) < 0) return false;
        continue;
      }
      bool posonly_hit = false;
      for (uint32_t j = 0; j < co->posonlyargcount; j++)
        if (co->localsplus_names[j]->view() == kn->view()) posonly_hit = true;
      if (posonly_hit)
        raise_fmt(exc::TypeError, "{} got some positional-only arguments passed as keyword arguments: '{}'", func_label(fn), kn->view());
      else
        raise_fmt(exc::TypeError, "{} got an unexpected keyword argument '{}'", func_label(fn), kn->view());
      return false;
    }
    if (!locals[i].is_null()) {
      raise_fmt(exc::TypeError, "{} got multiple values for argument '{}'", func_label(fn), kn->view());
      return false;
    }
    locals[i] = v;
  }
  // Defaults for missing positionals.
  if (npos < argc) {
    size_t ndef = fn->defaults ? fn->defaults->size : 0;
    size_t first_def = argc - ndef;
    std::vector<std::string> missing;
    for (uint32_t i = uint32_t(npos); i < argc; i++) {
      if (!locals[i].is_null()) continue;
      if (i >= first_def)
        locals[i] = fn->defaults->items[i - first_def];
      else
        missing.push_back(std::string(co->localsplus_names[i]->view()));
    }
    if (!missing.empty()) {
      raise_fmt(exc::TypeError, "{} missing {} required positional argument{}: {}", func_label(fn), missing.size(),
                missing.size() == 1 ? "" : "s", join_names(missing));
      return false;
    }
  }
  if (kwonly) {
    std::vector<std::string> missing;
    for (uint32_t i = argc; i < total; i++) {
      if (!locals[i].is_null()) continue;
      Value d = fn->kwdefaults ? dict_get_str(fn->kwdefaults, co->localsplus_names[i]) : Value::null();
      if (!d.is_null())
        locals[i] = d;
      else
        missing.push_back(std::string(co->localsplus_names[i]->view()));
    }
    if (!missing.empty()) {
      raise_fmt(exc::TypeError, "{} missing {} required keyword-only argument{}: {}", func_label(fn), missing.size(),
                missing.size() == 1 ? "" : "s", join_names(missing));
      return false;
    }
  }
  return true;
}

Frame* make_function_frame(FunctionObject* fn, Value* args, size_t nargs, TupleObject* kwnames) {
  Frame* f = push_frame(fn->code);
  if (!f) return nullptr;
  f->func = fn;
  f->globals = fn->globals;
  f->builtins = fn->builtins;
  CodeObject* co = fn->code;
  if (!kwnames && nargs == co->argcount && !(co->flags & (CO_VARARGS | CO_VARKEYWORDS)) && !co->kwonlyargcount) {
    for (size_t i = 0; i < nargs; i++) f->localsplus[i] = args[i];
    return f;
  }
  if (!bind_args(fn, f, args, nargs, kwnames)) {
    pop_frame(f);
    return nullptr;
  }
  return f;
}

// The common Python call, inlined: positional arguments only, no * / ** / keyword-only
// parameters; missing trailing positionals come from the defaults (bind_args's rule). Returns
// nullptr without raising when the call needs bind_args or push_frame's error path.
[[gnu::always_inline]] inline Frame* push_fast_frame(FunctionObject* fn, Value* args, size_t nargs) {
  CodeObject* co = fn->code;
  if ((co->flags & (CO_VARARGS | CO_VARKEYWORDS)) || co->kwonlyargcount) return nullptr;
  uint32_t argc = co->argcount;
  if (nargs != argc && (nargs > argc || !fn->defaults || argc - nargs > fn->defaults->size)) return nullptr;
  uint32_t nlocals = co->nlocalsplus;
  size_t bytes = sizeof(Frame) + sizeof(Value) * (nlocals + co->stacksize);
  if (g_depth + g_c_depth >= g_recursion_limit || g_stack_top + bytes > g_stack_hi) return nullptr;
  auto* f = reinterpret_cast<Frame*>(g_stack_top);
  g_stack_top += bytes;
  f->code = co;
  f->func = fn;
  f->prev = g_frame;
  f->globals = fn->globals;
  f->builtins = fn->builtins;
  f->locals = nullptr;
  f->pc = co->code;
  f->sp = f->localsplus + nlocals;
  f->flags = 0;
  f->lasti = 0;
  Value* l = f->localsplus;
  for (size_t i = 0; i < nargs; i++) l[i] = args[i];
  if (nargs < argc) {
    TupleObject* d = fn->defaults;
    size_t first_def = argc - d->size;
    for (size_t i = nargs; i < argc; i++) l[i] = d->items[i - first_def];
  }
  for (uint32_t i = argc; i < nlocals; i++) l[i] = Value::null();
  g_frame = f;
  g_depth++;
  return f;
}

Value run(Frame* entry, bool throwing = false);

void add_traceback(Frame* f) {
  if (!exc_pending()) return;
  Value e = exc_fetch();
  auto* eo = e.as<ExceptionObject>();
  auto* tb = gc::make<TracebackObject>(types::traceback);
  tb->next = eo->traceback.is_obj() ? eo->traceback : Value::none();
  tb->code = f->code;
  tb->globals = f->globals;
  tb->frame = Value::none();
  tb->lasti = f->lasti;
  tb->lineno = f->code->line_at(uint32_t(f->lasti));
  eo->traceback = obj(tb);
  exc_restore(e);
}

const ExceptionEntry* find_handler(CodeObject* co, uint32_t lasti) {
  const auto& tab = co->u().exceptions;
  for (const auto& e : tab)
    if (lasti >= e.start && lasti < e.end) return &e;
  return nullptr;
}

Value unbound_local(CodeObject* co, uint32_t i) {
  return raise_fmt(exc::UnboundLocalError, "cannot access local variable '{}' where it is not associated with a value",
                   co->localsplus_names[i]->view());
}

// NameError with its `name` attribute set, as 3.11 does (the traceback printer's suggestions).
Value name_error(StrObject* name) {
  raise_fmt(exc::NameError, "name '{}' is not defined", name->view());
  Value e = exc_fetch();
  if (e.is_obj() && (type_of(e)->flags & kTypeExceptionLayout)) instance_set_slot(e.as<InstanceObject>(), str_intern("name"), obj(name));
  exc_restore(e);
  return Value::exc();
}

Value do_import(Frame* f, StrObject* name, Value fromlist, Value level) {
  int64_t lv = 0;
  if (!level.is_null() && !level.is_none() && !int_to_i64(level, &lv)) return raise(exc::TypeError, "level must be an integer");
  return import_name(name, f->globals, fromlist, lv);
}

// BUILD_STRING: concatenates n str values.
Value build_string(Value* items, uint32_t n) {
  size_t total = 0;
  for (uint32_t i = 0; i < n; i++) total += as_str(items[i])->nbytes;
  std::string s;
  s.reserve(total);
  for (uint32_t i = 0; i < n; i++) s += as_str(items[i])->view();
  return str_value(s);
}

Value unpack_error(size_t expected, size_t got, bool too_many) {
  if (too_many) return raise_fmt(exc::ValueError, "too many values to unpack (expected {})", expected);
  return raise_fmt(exc::ValueError, "not enough values to unpack (expected {}, got {})", expected, got);
}

// Unpacks `seq` into dst[0..n) in order. Returns false after raising.
bool unpack_into(Value seq, Value* dst, size_t n) {
  if (isinstance_exact(seq, types::tuple) || isinstance_exact(seq, types::list)) {
    size_t size;
    Value* items;
    if (isinstance_exact(seq, types::tuple)) {
      size = seq.as<TupleObject>()->size;
      items = seq.as<TupleObject>()->items;
    } else {
      size = seq.as<ListObject>()->size;
      items = seq.as<ListObject>()->items;
    }
    if (size != n) {
      unpack_error(n, size, size > n);
      return false;
    }
    for (size_t i = 0; i < n; i++) dst[i] = items[i];
    return true;
  }
  TypeObject* t = type_of(seq);
  if (!t->iter && !t->getitem) {
    raise_fmt(exc::TypeError, "cannot unpack non-iterable {} object", t->name->view());
    return false;
  }
  Value it = get_iter(seq);
  if (it.is_exc()) return false;
  for (size_t i = 0; i < n; i++) {
    Value x = iter_next(it);
    if (x.is_exc()) return false;
    if (x.is_null()) {
      unpack_error(n, i, false);
      return false;
    }
    dst[i] = x;
  }
  Value x = iter_next(it);
  if (x.is_exc()) return false;
  if (!x.is_null()) {
    unpack_error(n, n + 1, true);
    return false;
  }
  return true;
}

// UNPACK_SEQUENCE's general case: writes the n items reversed (item 0 on top) starting at dst,
// which is the slot the sequence occupied (the sequence stays alive through `seq`).
bool unpack_to_stack(Value seq, Value* dst, uint32_t n) {
  std::vector<Value> tmp(n);
  if (!unpack_into(seq, tmp.data(), n)) return false;
  for (uint32_t i = 0; i < n; i++) dst[i] = tmp[n - 1 - i];
  return true;
}

// Calls `callable` with the CALL_FUNCTION_EX arguments (a tuple and an optional mapping).
Value call_ex(Value callable, Value args, Value kwargs) {
  if (!isinstance_exact(args, types::tuple)) {
    TypeObject* t = type_of(args);
    if (!t->iter && !t->getitem)
      return raise_fmt(exc::TypeError, "{} argument after * must be an iterable, not {}",
                       isinstance_exact(callable, types::function) ? func_label(callable.as<FunctionObject>()) : repr_utf8(callable) ,
                       t->name->view());
    args = to_tuple(args);
    if (args.is_exc()) return args;
  }
  auto* at = args.as<TupleObject>();
  if (kwargs.is_null() || (is_dict(kwargs) && kwargs.as<DictObject>()->used == 0))
    return call(callable, at->items, at->size, nullptr);
  if (!is_dict(kwargs)) return raise_fmt(exc::TypeError, "argument after ** must be a mapping, not {}", type_name(kwargs));
  auto* kd = kwargs.as<DictObject>();
  std::vector<Value> buf(at->size + kd->used);
  for (uint64_t i = 0; i < at->size; i++) buf[i] = at->items[i];
  TupleObject* names = tuple_new(kd->used);
  size_t k = 0;
  for (uint64_t i = 0; i < kd->nentries; i++) {
    DictEntry& e = kd->entries[i];
    if (e.key.is_null()) continue;
    if (!is_str(e.key)) return raise(exc::TypeError, "keywords must be strings");
    names->items[k] = e.key;
    buf[at->size + k] = e.value;
    k++;
  }
  return call(callable, buf.data(), buf.size(), names);
}

}  // namespace

FunctionObject* function_new(CodeObject* code, DictObject* globals, DictObject* builtins) {
  auto* fn = gc::make<FunctionObject>(types::function);
  fn->code = code;
  fn->globals = globals;
  fn->builtins = builtins;
  fn->name = code->name;
  fn->qualname = code->qualname;
  // 3.11 puts a function's docstring (or None) at consts[0].
  fn->doc = code->nconsts > 0 && is_str(code->consts[0]) ? code->consts[0] : Value::none();
  static StrObject* const name_key = str_intern("__name__");  // interned strings never die
  Value modname = dict_get_str(globals, name_key);
  fn->module = modname.is_null() ? Value::none() : modname;
  fn->annotations = Value::null();
  return fn;
}

Frame* vm_push_frame_for(FunctionObject* fn) {
  Frame* f = push_frame_unchecked(fn->code);  // the recorder saw this call succeed
  f->func = fn;
  f->globals = fn->globals;
  f->builtins = fn->builtins;
  return f;
}

Value vm_run_frames(Frame* innermost, bool throwing) { return run(innermost, throwing); }

Frame* vm_push_call_frame(FunctionObject* fn) {
  CodeObject* co = fn->code;
  size_t bytes = sizeof(Frame) + sizeof(Value) * (co->nlocalsplus + co->stacksize);
  if (g_depth + g_c_depth >= g_recursion_limit || g_stack_top + bytes > g_stack_hi) return nullptr;
  return vm_push_frame_for(fn);
}

extern "C" Frame* vm_jit_pop_frame(Frame* f) {
  Frame* caller = f->prev;
  pop_frame(f);
  return caller;
}

Value vm_handled_exception() { return g_handled; }

Value gen_resume(GeneratorObject* gen, Value v, bool throwing, bool* yielded, bool closing) {
  *yielded = false;
  TypeObject* kind = gen->type;
  if (gen->running) {
    if (throwing) exc_fetch();
    return raise(exc::ValueError, kind == types::coroutine        ? "coroutine already executing"
                                  : kind == types::async_generator ? "async generator already executing"
                                                                   : "generator already executing");
  }
  if (gen->finished) {
    if (kind == types::coroutine && !closing) {
      if (throwing) exc_fetch();
      return raise(exc::RuntimeError, "cannot reuse already awaited coroutine");
    }
    if (throwing) return Value::exc();
    return Value::null();
  }
  Frame* saved = gen->frame;
  if (g_depth + g_c_depth >= g_recursion_limit || g_stack_top + gen->frame_bytes > g_stack_hi)
    return raise(exc::RecursionError, "maximum recursion depth exceeded");
  auto* f = reinterpret_cast<Frame*>(g_stack_top);
  std::memcpy(static_cast<void*>(f), saved, gen->frame_bytes);
  g_stack_top += gen->frame_bytes;
  f->prev = g_frame;
  f->flags |= kFrameEntry;
  f->sp = f->localsplus + gen->sp_offset;
  if (!throwing) *f->sp++ = v;
  g_frame = f;
  g_depth++;
  gen->running = true;
  Value outer_handled = g_handled;
  g_handled = gen->exc_state;
  g_yielded = false;
  Value r = run(f, throwing);
  bool y = g_yielded;
  g_yielded = false;
  gen->running = false;
  gen->exc_state = g_handled;
  g_handled = outer_handled;
  if (y) {
    // The popped frame's memory is intact until the next push: copy it back.
    std::memcpy(static_cast<void*>(saved), f, gen->frame_bytes);
    gen->sp_offset = uint32_t(f->sp - f->localsplus);
    *yielded = true;
    return r;
  }
  gen->finished = true;
  std::free(gen->frame);
  gc::note_external(-int64_t(gen->frame_bytes));
  gen->frame = nullptr;
  bool stop = r.is_exc() && exc_matches(exc::StopIteration);
  bool stop_async = !stop && kind == types::async_generator && r.is_exc() && exc_matches(exc::StopAsyncIteration);
  if (stop || stop_async) {
    Value e = exc_fetch();
    raise(exc::RuntimeError, stop_async                        ? "async generator raised StopAsyncIteration"
                             : kind == types::coroutine        ? "coroutine raised StopIteration"
                             : kind == types::async_generator ? "async generator raised StopIteration"
                                                              : "generator raised StopIteration");
    Value ne = exc_fetch();
    ne.as<ExceptionObject>()->cause = e;
    ne.as<ExceptionObject>()->context = e;
    ne.as<ExceptionObject>()->suppress_context = true;
    exc_restore(ne);
  }
  return r;
}
int vm_compile_depth_budget() {
  int64_t left = g_recursion_limit - g_depth;
  return int(std::clamp<int64_t>(3 * left, 0, INT32_MAX));
}

Frame* vm_current_frame() { return g_frame; }

namespace {
uintptr_t g_native_floor = 0;         // lowest native stack address recursion may reach

uintptr_t native_floor() {
  pthread_attr_t attr;
  void* lo = nullptr;
  size_t size = 0;
  if (pthread_getattr_np(pthread_self(), &attr) == 0) {
    pthread_attr_getstack(&attr, &lo, &size);
    pthread_attr_destroy(&attr);
  }
  // Keep 256 KiB for the work between two checks (formatting, a nested interpreter loop).
  return lo ? uintptr_t(lo) + std::min<size_t>(size / 4, size_t(256) << 10) : 0;
}
}  // namespace

bool recursion_enter(const char* where) {
  if (!g_native_floor) g_native_floor = native_floor();
  char probe;
  if (g_depth + ++g_c_depth > g_recursion_limit || uintptr_t(&probe) < g_native_floor) {
    --g_c_depth;
    raise_fmt(exc::RecursionError, "maximum recursion depth exceeded{}", where);
    return false;
  }
  return true;
}
void recursion_leave() { --g_c_depth; }

void vm_init() {
  const size_t bytes = reservation_bytes(kFrameStackBytes, 8);
  void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED) {
    fprintf(stderr, "chaipy: cannot reserve the frame stack\n");
    abort();
  }
  g_stack_lo = static_cast<char*>(p);
  g_stack_hi = g_stack_lo + bytes;
  g_stack_top = g_stack_lo;
  gc::add_root_scanner(trace_frames);
  g_str_init = str_intern("__init__");
  Value len = dict_get_str(g_builtins, str_intern("len"));
  if (isinstance_exact(len, types::builtin_function)) g_len_fn = len.as<NativeFunctionObject>()->fn;
}

Value vm_call_function(FunctionObject* fn, Value* args, size_t nargs, TupleObject* kwnames) {
  Frame* f = make_function_frame(fn, args, nargs, kwnames);
  if (!f) return Value::exc();
  f->flags |= kFrameEntry;
  return run(f);
}

Value vm_run_module(CodeObject* code, DictObject* globals) {
  Frame* f = push_frame(code);
  if (!f) return Value::exc();
  f->globals = globals;
  f->builtins = g_builtins;
  f->locals = globals;
  f->flags |= kFrameEntry | kFrameModule;
  return run(f);
}

Value vm_run_code(CodeObject* code, DictObject* globals, DictObject* locals) {
  Frame* f = push_frame(code);
  if (!f) return Value::exc();
  f->globals = globals;
  Value b = dict_get_str(globals, str_intern("__builtins__"));
  if (b.is_obj() && b.as_obj()->type == types::module)
    f->builtins = b.as<ModuleObject>()->dict;
  else if (is_dict(b))
    f->builtins = b.as<DictObject>();
  else
    f->builtins = g_builtins;
  f->locals = locals;
  f->flags |= kFrameEntry | kFrameModule;
  return run(f);
}

// LOAD_NAME / LOAD_CLASSDEREF in a namespace: a __prepare__ namespace that subclasses dict is
// read through its __getitem__ (and __missing__), as CPython does. Null if absent.
static Value locals_get(DictObject* locals, StrObject* name) {
  if (!locals) return Value::null();
  if (locals->type == types::dict) return dict_get(locals, obj(name));
  Value v = getitem(obj(locals), obj(name));
  if (v.is_exc() && exc_matches(exc::KeyError)) {
    exc_fetch();
    return Value::null();
  }
  return v;
}

Value vm_run_class_body(FunctionObject* body, DictObject* ns) {
  Frame* f = make_function_frame(body, nullptr, 0, nullptr);
  if (!f) return Value::exc();
  f->locals = ns;
  f->flags |= kFrameEntry | kFrameClassBody;
  return run(f);
}

bool vm_super_args(Value* type, Value* self) {
  Frame* f = g_frame;
  if (!f) return false;
  CodeObject* co = f->code;
  if (co->argcount == 0 && !(co->flags & CO_VARARGS)) {
    raise(exc::RuntimeError, "super(): no arguments");
    return false;
  }
  Value first = f->localsplus[0];
  // The first argument may have been moved into a cell by MAKE_CELL.
  if ((co->localsplus_kinds[0] & kCell) && first.is_obj() && first.as_obj()->type == types::cell)
    first = first.as<CellObject>()->value;
  if (first.is_null()) {
    raise(exc::RuntimeError, "super(): arg[0] deleted");
    return false;
  }
  for (uint32_t i = 0; i < co->nlocalsplus; i++) {
    if ((co->localsplus_kinds[i] & kFree) && co->localsplus_names[i]->view() == "__class__") {
      Value cell = f->localsplus[i];
      if (!cell.is_obj() || cell.as<CellObject>()->value.is_null()) {
        raise(exc::RuntimeError, "super(): empty __class__ cell");
        return false;
      }
      *type = cell.as<CellObject>()->value;
      *self = first;
      return true;
    }
  }
  raise(exc::RuntimeError, "super(): __class__ cell not found");
  return false;
}

// -- The interpreter loop --------------------------------------------------------------------------
namespace {

inline bool small_add(int64_t a, int64_t b, int64_t* r) {
  *r = a + b;
  return Value::int_fits_small(*r);
}

// How run_loop starts: at entry's pc; raising the pending exception at the instruction the
// frame's pc is after (gen.throw()); or unwinding the pending exception from the frame's saved
// lasti (native code ran out of memory, see run()).
enum class RunStart { kNormal, kThrowing, kFailed };
Value run_loop(Frame* entry, RunStart start);

// The interpreter loop, with a net for std::bad_alloc (safepoint.h): native code that cannot get memory for a
// C++ container (a 10**12-character str.ljust, a bytes(10**12)) unwinds to here and becomes a
// MemoryError raised in the innermost Python frame of this loop, whose lasti the failing
// handler saved before calling out (the SAVE() convention).
Value run(Frame* entry, bool throwing) {
  RunStart start = throwing ? RunStart::kThrowing : RunStart::kNormal;
  Frame* resume = entry;
  for (;;) {
    try {
      return run_loop(resume, start);
    } catch (const std::bad_alloc&) {
    } catch (const std::length_error&) {  // a size beyond what a container can hold
    }
    g_native_depth--;  // run_loop's own count, which the unwinding skipped
    raise_value(obj(exc::MemoryError));
    resume = g_frame;
    start = RunStart::kFailed;
  }
}

Value run_loop(Frame* entry, RunStart start) {
  static const void* const kLabels[] = {
#define OPDEF(name, arg, flags, effect, inputs) &&op_##name,
#include "interp/opcodes.def"
#undef OPDEF
  };
  // While the JIT records, every instruction goes through record_hook first.
  static const void* const kRecordLabels[] = {
#define OPDEF(name, arg, flags, effect, inputs) &&record_hook,
#include "interp/opcodes.def"
#undef OPDEF
  };
  const void* const* labels = g_jit.recording ? kRecordLabels : kLabels;
  if (++g_native_depth > 20000) {
    g_native_depth--;
    pop_frame(entry);
    return raise(exc::RecursionError, "maximum recursion depth exceeded");
  }
  Frame* f = entry;
  CodeObject* co;
  const uint32_t* pc;
  uint32_t unwind_at;  // instruction index whose exception-table entry the unwinder looks up
  Value* sp;
  Value retval;

#define LOAD_FRAME()                        \
  do {                                      \
    co = f->code;                           \
    pc = f->pc;                             \
    sp = f->sp;                             \
  } while (0)
#define SAVE()                              \
  do {                                      \
    f->pc = pc;                             \
    f->sp = sp;                             \
    f->lasti = int32_t(pc - 1 - (insn_op(pc[-1]) == Op::CACHE) - co->code); \
  } while (0)
// SAVE() after a jump: pc is the target, the instruction running is `at`.
#define SAVE_AT(at)                         \
  do {                                      \
    f->pc = pc;                             \
    f->sp = sp;                             \
    f->lasti = int32_t(at);                 \
  } while (0)
#define DISPATCH()                          \
  do {                                      \
    uint32_t word_ = *pc++;                 \
    goto* labels[word_ & 0xFF];             \
  } while (0)
#define CACHE() (co->caches[insn_arg(*pc++)])
#define TOP() (sp[-1])
#define SECOND() (sp[-2])
#define PUSH(v) (*sp++ = (v))
#define POP() (*--sp)
#define CHECK(v)             \
  do {                       \
    if ((v).is_exc()) goto error; \
  } while (0)
#define JUMP_TO(t) (pc = co->code + (t))
// An operand that only the compiler's own instruction sequences produce (the list a
// comprehension appends to, the strings BUILD_STRING joins, the lasti RERAISE restores). The
// validator checks stack depths, not the kinds of values: a crafted .pyc can put anything there,
// so the VM checks before it relies on the layout (one predictable branch).
#define IS_EXCEPTION(v) ((v).is_obj() && (type_of(v)->flags & kTypeExceptionLayout))
#define EXPECT_OPERAND(ok)                                    \
  do {                                                        \
    if (__builtin_expect(!(ok), 0)) {                         \
      SAVE();                                                 \
      raise(exc::SystemError, "bad operand in bytecode");     \
      goto error;                                             \
    }                                                         \
  } while (0)
// A safe point: collect if the debt is over, then run deferred events (safepoint.h); an event
// that raises (MemoryError, a signal handler's exception) unwinds from instruction `at`.
#define SAFE_POINT(at)                         \
  do {                                         \
    if (gc::should_collect()) {                \
      f->pc = pc;                              \
      f->sp = sp;                              \
      if (!safepoint_run()) {                  \
        f->lasti = int32_t(at);                \
        goto error;                            \
      }                                        \
    }                                          \
  } while (0)

  LOAD_FRAME();
  if (start == RunStart::kThrowing) {
    // gen.throw(): the exception appears at the YIELD_VALUE the generator is suspended at.
    f->lasti = int32_t(pc - 1 - co->code);
    goto error;
  }
  if (start == RunStart::kFailed) goto error;
  DISPATCH();

record_hook:
  // pc is past the instruction word: let the recorder see the state before it runs.
  f->pc = pc - 1;
  f->sp = sp;
  g_jit.record(f, pc - 1);
  labels = g_jit.recording ? kRecordLabels : kLabels;
  goto* kLabels[pc[-1] & 0xFF];

op_CACHE:
op_NOP:
  DISPATCH();

op_POP_TOP:
  sp--;
  DISPATCH();

op_PUSH_NULL:
  PUSH(Value::null());
  DISPATCH();

op_COPY: {
  const uint32_t arg = insn_arg(pc[-1]);
  Value v = sp[-int(arg)];
  PUSH(v);
  DISPATCH();
}

op_SWAP: {
  const uint32_t arg = insn_arg(pc[-1]);
  Value v = sp[-1];
  sp[-1] = sp[-int(arg)];
  sp[-int(arg)] = v;
  DISPATCH();
}

op_LOAD_CONST: {
  const uint32_t arg = insn_arg(pc[-1]);
  PUSH(co->consts[arg]);
  DISPATCH();
}

op_LOAD_FAST: {
  const uint32_t arg = insn_arg(pc[-1]);
  Value v = f->localsplus[arg];
  if (v.is_null()) {
    SAVE();
    unbound_local(co, arg);
    goto error;
  }
  PUSH(v);
  DISPATCH();
}

op_STORE_FAST: {
  const uint32_t arg = insn_arg(pc[-1]);
  f->localsplus[arg] = POP();
  DISPATCH();
}

op_DELETE_FAST: {
  const uint32_t arg = insn_arg(pc[-1]);
  if (f->localsplus[arg].is_null()) {
    SAVE();
    unbound_local(co, arg);
    goto error;
  }
  f->localsplus[arg] = Value::null();
  DISPATCH();
}

op_LOAD_NAME: {
  const uint32_t arg = insn_arg(pc[-1]);
  SAVE();
  StrObject* name = co->names[arg];
  Value v = locals_get(f->locals, name);
  CHECK(v);
  if (v.is_null()) v = dict_get_str(f->globals, name);
  if (v.is_null()) v = dict_get_str(f->builtins, name);
  if (v.is_null()) {
    name_error(name);
    goto error;
  }
  PUSH(v);
  DISPATCH();
}

op_STORE_NAME: {
  const uint32_t arg = insn_arg(pc[-1]);
  SAVE();
  if (!f->locals) {
    raise_fmt(exc::SystemError, "no locals found when storing {}", co->names[arg]->view());
    goto error;
  }
  if ((f->locals->type == types::dict ? dict_set(f->locals, obj(co->names[arg]), TOP())
                                      : setitem(obj(f->locals), obj(co->names[arg]), TOP())) < 0)
    goto error;
  sp--;
  DISPATCH();
}

op_DELETE_NAME: {
  const uint32_t arg = insn_arg(pc[-1]);
  SAVE();
  StrObject* name = co->names[arg];
  if ((f->locals->type == types::dict ? dict_del(f->locals, obj(name)) : setitem(obj(f->locals), obj(name), Value::null())) < 0) {
    if (!exc_matches(exc::KeyError)) goto error;
    exc_fetch();
    name_error(name);
    goto error;
  }
  DISPATCH();
}

op_LOAD_GLOBAL: {
  const uint32_t arg = insn_arg(pc[-1]);
  InlineCache& c = CACHE();
  StrObject* name = co->names[arg >> 1];
  if (arg & 1) PUSH(Value::null());
  // The cache holds where the name was found (the entry of globals or builtins the versions
  // pin), not the value: a cache must not keep the program's data alive.
  if (c.ptr == f->globals && c.ver == f->globals->version && c.ver2 == f->builtins->version) {
    PUSH((c.kind ? f->builtins : f->globals)->entries[c.index].value);
    DISPATCH();
  }
  int err = 0;
  const int64_t h = str_hash(name);
  DictObject* where = f->globals;
  int64_t ix = dict_lookup_index(where, obj(name), h, &err);
  if (ix < 0 && !err) ix = dict_lookup_index(where = f->builtins, obj(name), h, &err);
  if (ix < 0) {
    SAVE();
    if (!err) name_error(name);
    goto error;
  }
  c.ptr = f->globals;
  c.ver = f->globals->version;
  c.ver2 = f->builtins->version;
  c.kind = where == f->builtins;
  c.index = int32_t(ix);
  PUSH(where->entries[ix].value);
  DISPATCH();
}

op_STORE_GLOBAL: {
  const uint32_t arg = insn_arg(pc[-1]);
  SAVE();
  if (dict_set(f->globals, obj(co->names[arg]), TOP()) < 0) goto error;
  sp--;
  DISPATCH();
}

op_DELETE_GLOBAL: {
  const uint32_t arg = insn_arg(pc[-1]);
  SAVE();
  if (dict_del(f->globals, obj(co->names[arg])) < 0) {
    exc_fetch();
    name_error(co->names[arg]);
    goto error;
  }
  DISPATCH();
}

op_MAKE_CELL: {
  const uint32_t arg = insn_arg(pc[-1]);
  auto* cell = gc::make<CellObject>(types::cell);
  cell->value = f->localsplus[arg];
  f->localsplus[arg] = obj(cell);
  DISPATCH();
}

op_COPY_FREE_VARS: {
  const uint32_t arg = insn_arg(pc[-1]);
  TupleObject* closure = f->func->closure;
  uint32_t base = co->nlocalsplus - arg;
  for (uint32_t i = 0; i < arg; i++) f->localsplus[base + i] = closure->items[i];
  DISPATCH();
}

op_LOAD_CLOSURE: {
  const uint32_t arg = insn_arg(pc[-1]);
  PUSH(f->localsplus[arg]);
  DISPATCH();
}

op_LOAD_DEREF: {
  const uint32_t arg = insn_arg(pc[-1]);
  Value v = f->localsplus[arg].as<CellObject>()->value;
  if (v.is_null()) {
    SAVE();
    if (co->localsplus_kinds[arg] & kFree)
      raise_fmt(exc::NameError, "cannot access free variable '{}' where it is not associated with a value in enclosing scope",
                co->localsplus_names[arg]->view());
    else
      unbound_local(co, arg);
    goto error;
  }
  PUSH(v);
  DISPATCH();
}

op_LOAD_CLASSDEREF: {
  const uint32_t arg = insn_arg(pc[-1]);
  SAVE();
  Value v = locals_get(f->locals, co->localsplus_names[arg]);
  CHECK(v);
  if (v.is_null()) {
    v = f->localsplus[arg].as<CellObject>()->value;
    if (v.is_null()) {
      raise_fmt(exc::NameError, "cannot access free variable '{}' where it is not associated with a value in enclosing scope",
                co->localsplus_names[arg]->view());
      goto error;
    }
  }
  PUSH(v);
  DISPATCH();
}

op_STORE_DEREF: {
  const uint32_t arg = insn_arg(pc[-1]);
  f->localsplus[arg].as<CellObject>()->value = POP();
  DISPATCH();
}

op_DELETE_DEREF: {
  const uint32_t arg = insn_arg(pc[-1]);
  auto* cell = f->localsplus[arg].as<CellObject>();
  if (cell->value.is_null()) {
    SAVE();
    unbound_local(co, arg);
    goto error;
  }
  cell->value = Value::null();
  DISPATCH();
}

// -- Attributes ------------------------------------------------------------------------------------
op_LOAD_ATTR: {
  const uint32_t arg = insn_arg(pc[-1]);
  InlineCache& c = CACHE();
  Value o = TOP();
  if (o.is_obj()) {
    TypeObject* t = o.as_obj()->type;
    if (c.ptr == t && c.ver == t->version) {
      if (c.kind == kAttrSlot && o.as<InstanceObject>()->shape == c.shape) {
        TOP() = o.as<InstanceObject>()->slots[c.index];
        DISPATCH();
      }
      if (c.kind == kAttrModule && o.as<ModuleObject>()->dict->version == c.ver2 &&
          reinterpret_cast<Object*>(c.shape) == o.as_obj()) {
        TOP() = c.value;
        DISPATCH();
      }
    }
    if (c.kind == kAttrSlot && (t->flags & kTypeInstanceLayout)) {
      // The second entry of a polymorphic slot cache: value = the shape, ver2 = the version of
      // its type (a shape belongs to exactly one type), counter = the slot.
      auto* inst = o.as<InstanceObject>();
      if (c.value == obj(inst->shape) && c.ver2 == t->version) {
        TOP() = inst->slots[c.counter];
        DISPATCH();
      }
    }
    if (c.kind == kAttrClassValue && c.ptr == o.as_obj() && t == types::type && c.ver == o.as<TypeObject>()->version) {
      TOP() = c.value;  // a function attribute of a class (C.method)
      DISPATCH();
    }
  }
  SAVE();
  StrObject* name = co->names[arg];
  Value v = getattr(o, name);
  CHECK(v);
  if (o.is_obj()) {
    TypeObject* t = o.as_obj()->type;
    if ((t->flags & kTypeInstanceLayout) && (t->getattr == nullptr || t->getattr == generic_getattr)) {
      auto* inst = o.as<InstanceObject>();
      if (!inst->shape->dict_mode) {
        int idx = shape_find(inst->shape, name);
        if (idx >= 0 && type_lookup_cached(t, name).is_null()) {
          if (c.kind == kAttrSlot && c.shape != inst->shape) {
            c.value = obj(c.shape);  // keep the previous entry as the second one
            c.ver2 = c.ver;
            c.counter = uint32_t(c.index);
          } else if (c.kind != kAttrSlot) {
            c.value = Value::null();
          }
          c.kind = kAttrSlot;
          c.ptr = t;
          c.ver = t->version;
          c.shape = inst->shape;
          c.index = idx;
        }
      }
    } else if (t == types::module) {
      c.kind = kAttrModule;
      c.ptr = t;
      c.ver = t->version;
      c.ver2 = o.as<ModuleObject>()->dict->version;
      c.shape = reinterpret_cast<Shape*>(o.as_obj());
      c.value = v;
    } else if (t == types::type && isinstance_exact(v, types::function) && name->data[0] != '_' &&
               type_lookup_cached(types::type, name).is_null() && type_lookup_cached(o.as<TypeObject>(), name) == v) {
      // C.f for a plain function f in C's MRO: valid while C's version (which covers its
      // bases) is unchanged.
      c.kind = kAttrClassValue;
      c.ptr = o.as_obj();
      c.ver = o.as<TypeObject>()->version;
      c.shape = nullptr;
      c.value = v;
    }
  }
  TOP() = v;
  DISPATCH();
}

op_STORE_ATTR: {
  const uint32_t arg = insn_arg(pc[-1]);
  InlineCache& c = CACHE();
  Value o = TOP();
  if (o.is_obj()) {
    TypeObject* t = o.as_obj()->type;
    if (c.ptr == t && c.ver == t->version && o.as<InstanceObject>()->shape == c.shape) {
      auto* inst = o.as<InstanceObject>();
      if (c.kind == kAttrSlot) {
        inst->slots[c.index] = SECOND();
        sp -= 2;
        DISPATCH();
      }
      if (c.kind == kAttrSlotAdd && uint32_t(c.index) < inst->capacity) {
        inst->slots[c.index] = SECOND();
        inst->shape = c.value.as<Shape>();
        sp -= 2;
        DISPATCH();
      }
    }
    if (c.kind == kAttrSlot && (t->flags & kTypeInstanceLayout)) {
      auto* inst = o.as<InstanceObject>();  // second entry, as in LOAD_ATTR
      if (c.value == obj(inst->shape) && c.ver2 == t->version) {
        inst->slots[c.counter] = SECOND();
        sp -= 2;
        DISPATCH();
      }
    }
  }
  SAVE();
  StrObject* name = co->names[arg];
  Shape* before = (o.is_obj() && (o.as_obj()->type->flags & kTypeInstanceLayout)) ? o.as<InstanceObject>()->shape : nullptr;
  if (setattr(o, name, SECOND()) < 0) goto error;
  if (o.is_obj()) {
    TypeObject* t = o.as_obj()->type;
    if ((t->flags & kTypeInstanceLayout) && (t->setattr == nullptr || t->setattr == generic_setattr)) {
      auto* inst = o.as<InstanceObject>();
      if (!inst->shape->dict_mode && type_lookup_cached(t, name).is_null()) {
        int idx = shape_find(inst->shape, name);
        if (before && inst->shape != before && inst->shape->parent == before && !before->dict_mode &&
            uint32_t(idx) == before->nslots) {
          c.kind = kAttrSlotAdd;  // the transition before -> inst->shape, appending slot idx
          c.ptr = t;
          c.ver = t->version;
          c.shape = before;
          c.value = obj(inst->shape);
          c.index = idx;
        } else if (idx >= 0) {
          if (c.kind == kAttrSlot && c.shape != inst->shape) {
            c.value = obj(c.shape);
            c.ver2 = c.ver;
            c.counter = uint32_t(c.index);
          } else if (c.kind != kAttrSlot) {
            c.value = Value::null();
          }
          c.kind = kAttrSlot;
          c.ptr = t;
          c.ver = t->version;
          c.shape = inst->shape;
          c.index = idx;
        }
      }
    }
  }
  sp -= 2;
  DISPATCH();
}

op_DELETE_ATTR: {
  const uint32_t arg = insn_arg(pc[-1]);
  SAVE();
  if (setattr(TOP(), co->names[arg], Value::null()) < 0) goto error;
  sp--;
  DISPATCH();
}

op_LOAD_METHOD: {
  const uint32_t arg = insn_arg(pc[-1]);
  InlineCache& c = CACHE();
  Value o = TOP();
  TypeObject* t = type_of(o);
  if (c.ptr == t && c.ver == t->version && c.kind == kAttrMethod &&
      (!(t->flags & kTypeInstanceLayout) || o.as<InstanceObject>()->shape == c.shape)) {
    TOP() = c.value;
    PUSH(o);
    DISPATCH();
  }
  SAVE();
  StrObject* name = co->names[arg];
  // Plain functions (and builtin methods) found on the type and not shadowed by an instance
  // attribute are pushed unbound with self, avoiding a bound-method allocation.
  bool plain_getattr = (t->getattr == nullptr || t->getattr == generic_getattr) && t != types::type && t != types::module;
  if (plain_getattr) {
    Value m = type_lookup_cached(t, name);
    // A module-level native (no owner type, e.g. codecs.utf_8_decode stored as a class
    // attribute) is not a descriptor: it is called without self, as in CPython.
    bool native_method = isinstance_exact(m, types::builtin_function) && m.as<NativeFunctionObject>()->owner &&
                         m.as<NativeFunctionObject>()->self.is_null();
    if (!m.is_null() && (isinstance_exact(m, types::function) || native_method)) {
      bool shadowed = false;
      if (t->flags & kTypeInstanceLayout) {
        auto* inst = o.as<InstanceObject>();
        shadowed = inst->shape->dict_mode ? !dict_get_str(inst->dict, name).is_null() : shape_find(inst->shape, name) >= 0;
      }
      if (!shadowed) {
        if (!(t->flags & kTypeInstanceLayout) || !o.as<InstanceObject>()->shape->dict_mode) {
          c.kind = kAttrMethod;
          c.ptr = t;
          c.ver = t->version;
          c.shape = (t->flags & kTypeInstanceLayout) ? o.as<InstanceObject>()->shape : nullptr;
          c.value = m;
        }
        TOP() = m;
        PUSH(o);
        DISPATCH();
      }
    }
  }
  Value v = getattr(o, name);
  CHECK(v);
  TOP() = Value::null();
  PUSH(v);
  DISPATCH();
}

op_BINARY_SUBSCR: {
  Value o = SECOND(), k = TOP();
  if (k.is_small_int() && o.is_obj()) {
    TypeObject* t = o.as_obj()->type;
    int64_t i = k.as_small_int();
    if (t == types::list) {
      auto* l = o.as<ListObject>();
      if (i < 0) i += int64_t(l->size);
      if (uint64_t(i) < l->size) {
        sp--;
        TOP() = l->items[i];
        DISPATCH();
      }
    } else if (t == types::tuple) {
      auto* tu = o.as<TupleObject>();
      if (i < 0) i += int64_t(tu->size);
      if (uint64_t(i) < tu->size) {
        sp--;
        TOP() = tu->items[i];
        DISPATCH();
      }
    } else if (t == types::str && o.as<StrObject>()->ascii) {
      auto* so = o.as<StrObject>();
      if (i < 0) i += int64_t(so->nbytes);
      if (uint64_t(i) < so->nbytes) {
        sp--;
        TOP() = obj(str_from_ascii_char(so->data[i]));
        DISPATCH();
      }
    }
  }
  if (o.is_obj() && o.as_obj()->type == types::dict) {
    SAVE();  // hashing / comparing keys may run Python code
    Value r = dict_get(o.as<DictObject>(), k);
    CHECK(r);
    if (r.is_null()) {
      raise_key_error(k);
      goto error;
    }
    sp--;
    TOP() = r;
    DISPATCH();
  }
  SAVE();
  Value r = getitem(o, k);
  CHECK(r);
  sp--;
  TOP() = r;
  DISPATCH();
}

op_STORE_SUBSCR: {
  Value o = SECOND(), k = TOP();
  if (k.is_small_int() && isinstance_exact(o, types::list)) {
    auto* l = o.as<ListObject>();
    int64_t i = k.as_small_int();
    if (i < 0) i += int64_t(l->size);
    if (uint64_t(i) < l->size) {
      l->items[i] = sp[-3];
      sp -= 3;
      DISPATCH();
    }
  }
  SAVE();
  if (isinstance_exact(o, types::dict)) {
    if (dict_set(o.as<DictObject>(), k, sp[-3]) < 0) goto error;
    sp -= 3;
    DISPATCH();
  }
  if (setitem(o, k, sp[-3]) < 0) goto error;
  sp -= 3;
  DISPATCH();
}

op_DELETE_SUBSCR:
  SAVE();
  if (setitem(SECOND(), TOP(), Value::null()) < 0) goto error;
  sp -= 2;
  DISPATCH();

op_BUILD_SLICE: {
  const uint32_t arg = insn_arg(pc[-1]);
  Value step = arg == 3 ? POP() : Value::none();
  Value stop = POP();
  TOP() = slice_new(TOP(), stop, step);
  DISPATCH();
}

// -- Operators ---------------------------------------------------------------------------------------
op_UNARY_POSITIVE:
op_UNARY_NEGATIVE:
op_UNARY_INVERT: {
  Value a = TOP();
  Op op = insn_op(pc[-1]);
  if (a.is_small_int() && op == Op::UNARY_NEGATIVE && a.as_small_int() != Value::kSmallIntMin) {
    TOP() = Value::from_small_int(-a.as_small_int());
    DISPATCH();
  }
  if (a.is_double() && op == Op::UNARY_NEGATIVE) {
    TOP() = Value::from_double(-a.as_double());
    DISPATCH();
  }
  SAVE();
  Value r = unary_op(op, a);
  CHECK(r);
  TOP() = r;
  DISPATCH();
}

op_UNARY_NOT: {
  Value a = TOP();
  if (a.is_bool()) {
    TOP() = Value::from_bool(!a.as_bool());
    DISPATCH();
  }
  SAVE();
  int t = truthy(a);
  if (t < 0) goto error;
  TOP() = Value::from_bool(!t);
  DISPATCH();
}

op_BINARY_OP: {
  const uint32_t arg = insn_arg(pc[-1]);
  pc++;  // cache word (the JIT records observed types here later)
  Value a = SECOND(), b = TOP();
  if (a.is_small_int() && b.is_small_int()) {
    int64_t x = a.as_small_int(), y = b.as_small_int(), r;
    switch (arg) {
      case int(BinOp::ADD):
      case kNumBinOps + int(BinOp::ADD):
        if (small_add(x, y, &r)) goto small_result;
        break;
      case int(BinOp::SUBTRACT):
      case kNumBinOps + int(BinOp::SUBTRACT):
        r = x - y;
        if (Value::int_fits_small(r)) goto small_result;
        break;
      case int(BinOp::MULTIPLY):
      case kNumBinOps + int(BinOp::MULTIPLY):
        if (!__builtin_mul_overflow(x, y, &r) && Value::int_fits_small(r)) goto small_result;
        break;
      case int(BinOp::FLOOR_DIVIDE):
      case kNumBinOps + int(BinOp::FLOOR_DIVIDE):
        if (y != 0) {
          r = x / y;
          if ((x % y != 0) && ((x < 0) != (y < 0))) r--;
          if (Value::int_fits_small(r)) goto small_result;
        }
        break;
      case int(BinOp::REMAINDER):
      case kNumBinOps + int(BinOp::REMAINDER):
        if (y != 0) {
          r = x % y;
          if (r != 0 && ((r < 0) != (y < 0))) r += y;
          goto small_result;
        }
        break;
      case int(BinOp::AND):
      case kNumBinOps + int(BinOp::AND):
        r = x & y;
        goto small_result;
      case int(BinOp::OR):
      case kNumBinOps + int(BinOp::OR):
        r = x | y;
        goto small_result;
      case int(BinOp::XOR):
      case kNumBinOps + int(BinOp::XOR):
        r = x ^ y;
        goto small_result;
      case int(BinOp::RSHIFT):
      case kNumBinOps + int(BinOp::RSHIFT):
        if (y >= 0) {
          r = x >> (y < 63 ? y : 63);
          goto small_result;
        }
        break;
      case int(BinOp::LSHIFT):
      case kNumBinOps + int(BinOp::LSHIFT):
        if (y >= 0 && y < 48) {
          r = int64_t(uint64_t(x) << y);  // |x| < 2^47 and y < 48: no int64 overflow
          if ((r >> y) == x && Value::int_fits_small(r)) goto small_result;
        }
        break;
      case int(BinOp::TRUE_DIVIDE):
      case kNumBinOps + int(BinOp::TRUE_DIVIDE):
        if (y != 0 && x < (int64_t(1) << 53) && x > -(int64_t(1) << 53) && y < (int64_t(1) << 53) && y > -(int64_t(1) << 53)) {
          sp--;
          TOP() = Value::from_double(double(x) / double(y));
          DISPATCH();
        }
        break;
      default:
        break;
    }
    goto binop_slow;
  small_result:
    sp--;
    TOP() = Value::from_small_int(r);
    DISPATCH();
  }
  if ((a.is_double() || a.is_small_int()) && (b.is_double() || b.is_small_int())) {
    // Both floats, or a float and a small int (exactly representable as a double).
    double x = a.is_double() ? a.as_double() : double(a.as_small_int());
    double y = b.is_double() ? b.as_double() : double(b.as_small_int());
    double r;
    switch (arg) {
      case int(BinOp::ADD):
      case kNumBinOps + int(BinOp::ADD): r = x + y; break;
      case int(BinOp::SUBTRACT):
      case kNumBinOps + int(BinOp::SUBTRACT): r = x - y; break;
      case int(BinOp::MULTIPLY):
      case kNumBinOps + int(BinOp::MULTIPLY): r = x * y; break;
      case int(BinOp::TRUE_DIVIDE):
      case kNumBinOps + int(BinOp::TRUE_DIVIDE):
        if (y == 0) goto binop_slow;
        r = x / y;
        break;
      case int(BinOp::POWER):
      case kNumBinOps + int(BinOp::POWER):
        // float_pow's ordinary case: a positive finite base, a finite exponent, no overflow.
        if (!(x > 0.0 && x < HUGE_VAL && std::isfinite(y))) goto binop_slow;
        r = std::pow(x, y);
        if (std::isinf(r)) goto binop_slow;
        break;
      default: goto binop_slow;
    }
    sp--;
    TOP() = Value::from_double(r);
    DISPATCH();
  }
  if (a.is_obj() && b.is_obj() && a.as_obj()->type == types::str && b.as_obj()->type == types::str &&
      (arg == int(BinOp::ADD) || arg == kNumBinOps + int(BinOp::ADD))) {
    // str + str: str_concat computes length/ascii from the operands (allocation only).
    Value r = str_concat(a.as<StrObject>(), b.as<StrObject>());
    sp--;
    TOP() = r;
    DISPATCH();
  }
binop_slow:
  SAVE();
  Value r = binary_op(int(arg), a, b);
  CHECK(r);
  sp--;
  TOP() = r;
  DISPATCH();
}

op_COMPARE_OP: {
  const uint32_t arg = insn_arg(pc[-1]);
  pc++;
  Value a = SECOND(), b = TOP();
  if (a.is_small_int() && b.is_small_int()) {
    int64_t x = a.as_small_int(), y = b.as_small_int();
    bool r;
    switch (CmpOp(arg)) {
      case CmpOp::LT: r = x < y; break;
      case CmpOp::LE: r = x <= y; break;
      case CmpOp::EQ: r = x == y; break;
      case CmpOp::NE: r = x != y; break;
      case CmpOp::GT: r = x > y; break;
      default: r = x >= y; break;
    }
    sp--;
    TOP() = Value::from_bool(r);
    DISPATCH();
  }
  if ((a.is_double() || a.is_small_int()) && (b.is_double() || b.is_small_int())) {
    // Floats, or a float and a small int (exact as a double, so the comparison is exact).
    double x = a.is_double() ? a.as_double() : double(a.as_small_int());
    double y = b.is_double() ? b.as_double() : double(b.as_small_int());
    bool r;
    switch (CmpOp(arg)) {
      case CmpOp::LT: r = x < y; break;
      case CmpOp::LE: r = x <= y; break;
      case CmpOp::EQ: r = x == y; break;
      case CmpOp::NE: r = x != y; break;
      case CmpOp::GT: r = x > y; break;
      default: r = x >= y; break;
    }
    sp--;
    TOP() = Value::from_bool(r);
    DISPATCH();
  }
  if (a.is_obj() && b.is_obj() && a.as_obj()->type == types::str && b.as_obj()->type == types::str &&
      (CmpOp(arg) == CmpOp::EQ || CmpOp(arg) == CmpOp::NE)) {
    bool r = a == b || str_eq(a.as<StrObject>(), b.as<StrObject>());
    sp--;
    TOP() = Value::from_bool(r == (CmpOp(arg) == CmpOp::EQ));
    DISPATCH();
  }
  SAVE();
  Value r = richcompare(a, b, CmpOp(arg));
  CHECK(r);
  sp--;
  TOP() = r;
  DISPATCH();
}

op_IS_OP: {
  const uint32_t arg = insn_arg(pc[-1]);
  Value a = SECOND(), b = TOP();
  bool same = a == b;
  sp--;
  TOP() = Value::from_bool(same != bool(arg));
  DISPATCH();
}

op_CONTAINS_OP: {
  const uint32_t arg = insn_arg(pc[-1]);
  SAVE();
  if (isinstance_exact(TOP(), types::dict)) {
    Value v = dict_get(TOP().as<DictObject>(), SECOND());
    CHECK(v);
    sp--;
    TOP() = Value::from_bool(!v.is_null() != bool(arg));
    DISPATCH();
  }
  int r = contains(TOP(), SECOND());
  if (r < 0) goto error;
  sp--;
  TOP() = Value::from_bool(bool(r) != bool(arg));
  DISPATCH();
}

// -- Containers ---------------------------------------------------------------------------------------
op_BUILD_TUPLE: {
  const uint32_t arg = insn_arg(pc[-1]);
  TupleObject* t = tuple_new(arg);
  sp -= arg;
  for (uint32_t i = 0; i < arg; i++) t->items[i] = sp[i];
  PUSH(obj(t));
  DISPATCH();
}

op_BUILD_LIST: {
  const uint32_t arg = insn_arg(pc[-1]);
  ListObject* l = list_new(arg);
  sp -= arg;
  for (uint32_t i = 0; i < arg; i++) l->items[i] = sp[i];
  PUSH(obj(l));
  DISPATCH();
}

op_BUILD_SET: {
  const uint32_t arg = insn_arg(pc[-1]);
  SAVE();
  SetObject* s = set_new(types::set);
  for (uint32_t i = 0; i < arg; i++)
    if (set_add(s, sp[int(i) - int(arg)]) < 0) goto error;
  sp -= arg;
  PUSH(obj(s));
  DISPATCH();
}

op_BUILD_MAP: {
  const uint32_t arg = insn_arg(pc[-1]);
  SAVE();
  DictObject* d = dict_new();
  Value* base = sp - 2 * arg;
  for (uint32_t i = 0; i < arg; i++)
    if (dict_set(d, base[2 * i], base[2 * i + 1]) < 0) goto error;
  sp = base;
  PUSH(obj(d));
  DISPATCH();
}

op_BUILD_CONST_KEY_MAP: {
  const uint32_t arg = insn_arg(pc[-1]);
  SAVE();
  EXPECT_OPERAND(is_tuple(TOP()) && TOP().as<TupleObject>()->size == arg);
  DictObject* d = dict_new();
  auto* keys = TOP().as<TupleObject>();
  Value* base = sp - 1 - arg;
  for (uint32_t i = 0; i < arg; i++)
    if (dict_set(d, keys->items[i], base[i]) < 0) goto error;
  sp = base;
  PUSH(obj(d));
  DISPATCH();
}

op_BUILD_STRING: {
  const uint32_t arg = insn_arg(pc[-1]);
  for (uint32_t i = 1; i <= arg; i++) EXPECT_OPERAND(is_str(sp[-int(i)]));
  Value r = build_string(sp - arg, arg);
  sp -= arg;
  PUSH(r);
  DISPATCH();
}

op_LIST_APPEND: {
  const uint32_t arg = insn_arg(pc[-1]);
  EXPECT_OPERAND(is_list(sp[-int(arg) - 1]));
  if (list_append(sp[-int(arg) - 1].as<ListObject>(), TOP()) < 0) {
    SAVE();
    goto error;
  }
  sp--;
  DISPATCH();
}

op_SET_ADD: {
  const uint32_t arg = insn_arg(pc[-1]);
  SAVE();
  EXPECT_OPERAND(isinstance_exact(sp[-int(arg) - 1], types::set));
  if (set_add(sp[-int(arg) - 1].as<SetObject>(), TOP()) < 0) goto error;
  sp--;
  DISPATCH();
}

op_MAP_ADD: {
  const uint32_t arg = insn_arg(pc[-1]);
  SAVE();
  EXPECT_OPERAND(is_dict(sp[-int(arg) - 2]));
  if (dict_set(sp[-int(arg) - 2].as<DictObject>(), SECOND(), TOP()) < 0) goto error;
  sp -= 2;
  DISPATCH();
}

op_LIST_EXTEND: {
  const uint32_t arg = insn_arg(pc[-1]);
  SAVE();
  EXPECT_OPERAND(is_list(sp[-int(arg) - 1]));
  Value it = get_iter(TOP());
  if (it.is_exc()) {
    if (exc_matches(exc::TypeError) && !type_of(TOP())->iter && !type_of(TOP())->getitem) {
      exc_fetch();
      raise_fmt(exc::TypeError, "Value after * must be an iterable, not {}", type_name(TOP()));
    }
    goto error;
  }
  auto* l = sp[-int(arg) - 1].as<ListObject>();
  for (;;) {
    Value x = iter_next(it);
    CHECK(x);
    if (x.is_null()) break;
    if (list_append(l, x) < 0) goto error;
  }
  sp--;
  DISPATCH();
}

op_SET_UPDATE: {
  const uint32_t arg = insn_arg(pc[-1]);
  SAVE();
  EXPECT_OPERAND(isinstance_exact(sp[-int(arg) - 1], types::set));
  // set.update's algorithm (a set operand is merged table to table), as CPython's
  // _PySet_Update: the result's iteration order is python3's.
  if (set_update(sp[-int(arg) - 1].as<SetObject>(), TOP()) < 0) goto error;
  sp--;
  DISPATCH();
}

op_DICT_UPDATE:
op_DICT_MERGE: {
  const uint32_t arg = insn_arg(pc[-1]);
  SAVE();
  EXPECT_OPERAND(is_dict(sp[-int(arg) - 1]));
  auto* d = sp[-int(arg) - 1].as<DictObject>();
  Value src = TOP();
  bool merge = insn_op(pc[-1]) == Op::DICT_MERGE;
  if (is_dict(src)) {
    auto* sd = src.as<DictObject>();
    for (uint64_t i = 0; i < sd->nentries; i++) {
      DictEntry& e = sd->entries[i];
      if (e.key.is_null()) continue;
      if (merge) {
        Value old = dict_get(d, e.key);
        CHECK(old);
        if (!old.is_null()) {
          Value fn = sp[-int(arg) - 3];
          // CPython names the callee as _PyObject_FunctionStr does: module.qualname().
          std::string label = "function";
          if (isinstance_exact(fn, types::function)) {
            auto* fo = fn.as<FunctionObject>();
            label = func_label(fo);
            if (is_str(fo->module) && as_str(fo->module)->view() != "builtins")
              label = std::string(as_str(fo->module)->view()) + "." + label;
          }
          raise_fmt(exc::TypeError, "{} got multiple values for keyword argument '{}'", label, str_utf8(e.key));
          goto error;
        }
      }
      if (dict_set(d, e.key, e.value) < 0) goto error;
    }
  } else {
    Value keys = getattr_opt(src, str_intern("keys"));
    CHECK(keys);
    if (keys.is_null()) {
      raise_fmt(exc::TypeError, "'{}' object is not a mapping", type_name(src));
      goto error;
    }
    Value ks = call0(keys);
    CHECK(ks);
    Value it = get_iter(ks);
    CHECK(it);
    for (;;) {
      Value k = iter_next(it);
      CHECK(k);
      if (k.is_null()) break;
      Value v = getitem(src, k);
      CHECK(v);
      if (dict_set(d, k, v) < 0) goto error;
    }
  }
  sp--;
  DISPATCH();
}

op_LIST_TO_TUPLE:
  TOP() = to_tuple(TOP());
  DISPATCH();

op_FORMAT_VALUE: {
  const uint32_t arg = insn_arg(pc[-1]);
  SAVE();
  EXPECT_OPERAND(!(arg & 4) || is_str(TOP()));
  Value spec = (arg & 4) ? POP() : Value::null();
  Value v = TOP();
  switch (arg & 3) {
    case 1: v = str_of(v); break;
    case 2: v = repr(v); break;
    case 3: v = repr(v); break;
    default: break;
  }
  CHECK(v);
  if (!spec.is_null() || !isinstance_exact(v, types::str)) {
    v = format_value(v, spec.is_null() ? str_intern("") : as_str(spec));
    CHECK(v);
  }
  TOP() = v;
  DISPATCH();
}

op_UNPACK_SEQUENCE: {
  const uint32_t arg = insn_arg(pc[-1]);
  SAVE();
  Value seq = TOP();
  if (isinstance_exact(seq, types::tuple) && seq.as<TupleObject>()->size == arg) {
    auto* t = seq.as<TupleObject>();
    sp--;
    for (uint32_t i = 0; i < arg; i++) PUSH(t->items[arg - 1 - i]);
    DISPATCH();
  }
  if (!unpack_to_stack(seq, sp - 1, arg)) goto error;
  sp += int(arg) - 1;
  DISPATCH();
}

op_UNPACK_EX: {
  const uint32_t arg = insn_arg(pc[-1]);
  SAVE();
  uint32_t before = arg & 0xFF, after = arg >> 8;
  Value seq = TOP();
  TypeObject* t = type_of(seq);
  if (!t->iter && !t->getitem) {
    raise_fmt(exc::TypeError, "cannot unpack non-iterable {} object", t->name->view());
    goto error;
  }
  Value l = to_list(seq);
  CHECK(l);
  auto* lo = l.as<ListObject>();
  if (lo->size < before + after) {
    raise_fmt(exc::ValueError, "not enough values to unpack (expected at least {}, got {})", before + after, lo->size);
    goto error;
  }
  sp--;
  uint64_t n = lo->size;
  for (uint32_t i = 0; i < after; i++) PUSH(lo->items[n - 1 - i]);
  ListObject* mid = list_new(n - before - after);
  for (uint64_t i = before; i < n - after; i++) mid->items[i - before] = lo->items[i];
  PUSH(obj(mid));
  for (uint32_t i = 0; i < before; i++) PUSH(lo->items[before - 1 - i]);
  DISPATCH();
}

// -- Control flow --------------------------------------------------------------------------------------
op_JUMP_FORWARD:
op_JUMP_BACKWARD_NO_INTERRUPT: {
  const uint32_t arg = insn_arg(pc[-1]);
  JUMP_TO(arg);
  DISPATCH();
}

op_JUMP_BACKWARD: {
  const uint32_t arg = insn_arg(pc[-1]);
  const uint32_t self = uint32_t(pc - 1 - co->code);
  InlineCache& c = CACHE();
  JUMP_TO(arg);
  if (g_jit.enabled && c.kind != kLoopBlacklisted) {
    if (!c.ptr && ++c.counter >= g_jit.threshold && g_jit.loop_hot) {
      SAVE_AT(self);
      g_jit.loop_hot(f, arg, self, &c);
      labels = g_jit.recording ? kRecordLabels : kLabels;
    }
    if (c.ptr && !g_jit.recording) {
      SAVE_AT(self);
      const CodeObject* loop_co = co;
      f = g_jit.enter(f, c.ptr);
      LOAD_FRAME();
      labels = g_jit.recording ? kRecordLabels : kLabels;
      if (g_jit.raising) {  // a call the trace made raised: unwind from that CALL
        g_jit.raising = false;
        f->lasti = int32_t(pc - 1 - co->code);
        goto error;
      }
      // The exit wrote the frames back; pc is where it resumes. An exit at this loop's header
      // (the end-of-iteration GC and signal check) is this back-edge's safe point:
      // KeyboardInterrupt points at the loop, as in the interpreter.
      SAFE_POINT(co == loop_co && pc == co->code + arg ? self : pc - co->code);
      DISPATCH();
    }
  }
  SAFE_POINT(self);
  DISPATCH();
}

op_POP_JUMP_IF_FALSE: {
  const uint32_t arg = insn_arg(pc[-1]);
  Value v = POP();
  if (v.is_bool()) {
    if (!v.as_bool()) JUMP_TO(arg);
    DISPATCH();
  }
  if (v.is_small_int() || v.is_none()) {
    if ((v.bits() & Value::kPayloadMask) == 0) JUMP_TO(arg);
    DISPATCH();
  }
  SAVE();
  int t = truthy(v);
  if (t < 0) goto error;
  if (!t) JUMP_TO(arg);
  DISPATCH();
}

op_POP_JUMP_IF_TRUE: {
  const uint32_t arg = insn_arg(pc[-1]);
  Value v = POP();
  if (v.is_bool()) {
    if (v.as_bool()) JUMP_TO(arg);
    DISPATCH();
  }
  if (v.is_small_int() || v.is_none()) {
    if ((v.bits() & Value::kPayloadMask) != 0) JUMP_TO(arg);
    DISPATCH();
  }
  SAVE();
  int t = truthy(v);
  if (t < 0) goto error;
  if (t) JUMP_TO(arg);
  DISPATCH();
}

op_POP_JUMP_IF_NONE: {
  const uint32_t arg = insn_arg(pc[-1]);
  if (POP().is_none()) JUMP_TO(arg);
  DISPATCH();
}

op_POP_JUMP_IF_NOT_NONE: {
  const uint32_t arg = insn_arg(pc[-1]);
  if (!POP().is_none()) JUMP_TO(arg);
  DISPATCH();
}

op_JUMP_IF_FALSE_OR_POP: {
  const uint32_t arg = insn_arg(pc[-1]);
  SAVE();
  int t = truthy(TOP());
  if (t < 0) goto error;
  if (!t)
    JUMP_TO(arg);
  else
    sp--;
  DISPATCH();
}

op_JUMP_IF_TRUE_OR_POP: {
  const uint32_t arg = insn_arg(pc[-1]);
  SAVE();
  int t = truthy(TOP());
  if (t < 0) goto error;
  if (t)
    JUMP_TO(arg);
  else
    sp--;
  DISPATCH();
}

op_GET_ITER: {
  SAVE();
  Value it = get_iter(TOP());
  CHECK(it);
  TOP() = it;
  DISPATCH();
}

op_FOR_ITER: {
  pc++;
  Value it = TOP();
  if (it.is_obj()) {
    // Inline the built-in range and list/tuple iterators (seq_iter_next's cases) so the common
    // loops avoid the indirect call; nothing here can run Python code or allocate but the int.
    auto* si = it.as<SeqIterObject>();
    TypeObject* t = si->type;
    if (t == g_iter_types[kIterRange]) {
      if (si->end > 0) {
        int64_t v = si->index;
        si->end--;
        si->index += si->end > 0 ? si->step : 0;
        PUSH(Value::int_fits_small(v) ? Value::from_small_int(v) : int_from_i64(v));
        DISPATCH();
      }
      si->seq = Value::null();
      goto for_iter_exhausted;
    }
    if (t == g_iter_types[kIterList]) {
      if (!si->seq.is_null()) {
        auto* l = si->seq.as<ListObject>();
        if (uint64_t(si->index) < l->size) {
          PUSH(l->items[si->index++]);
          DISPATCH();
        }
        si->seq = Value::null();
      }
      goto for_iter_exhausted;
    }
    if (t == g_iter_types[kIterTuple]) {
      if (!si->seq.is_null()) {
        auto* tu = si->seq.as<TupleObject>();
        if (uint64_t(si->index) < tu->size) {
          PUSH(tu->items[si->index++]);
          DISPATCH();
        }
        si->seq = Value::null();
      }
      goto for_iter_exhausted;
    }
  }
  SAVE();
  Value v = type_of(it)->iternext ? type_of(it)->iternext(it) : iter_next(it);
  CHECK(v);
  if (v.is_null()) goto for_iter_exhausted;
  PUSH(v);
  DISPATCH();
}
for_iter_exhausted:
  sp--;
  JUMP_TO(insn_arg(pc[-2]));  // FOR_ITER's target (pc is past its cache word)
  DISPATCH();

op_RETURN_VALUE: {
  retval = POP();
  if (f->flags & kFrameEntry) {
    pop_frame(f);
    g_native_depth--;
    return retval;
  }
  Frame* done = f;
  bool init_frame = f->flags & kFrameInit;
  f = f->prev;
  pop_frame(done);
  LOAD_FRAME();
  if (init_frame) {
    // The instance is already on our stack (see CALL); __init__ must return None.
    if (!retval.is_none()) {
      // f->lasti is still the CALL's (saved before the __init__ frame was pushed).
      raise_fmt(exc::TypeError, "__init__() should return None, not '{}'", type_name(retval));
      goto error;
    }
    DISPATCH();
  }
  PUSH(retval);
  DISPATCH();
}

// -- Calls -----------------------------------------------------------------------------------------------
op_KW_NAMES:  // read back by the CALL that always follows it
  DISPATCH();

op_CALL: {
  const uint32_t arg = insn_arg(pc[-1]);
  pc++;
  Value* args = sp - arg;
  Value callable = sp[-int(arg) - 2];
  size_t nargs = arg;
  if (callable.is_null()) {
    callable = sp[-int(arg) - 1];
  } else {
    args--;
    nargs++;
  }
  // The compiler emits KW_NAMES immediately before the CALL it belongs to (never a jump target
  // in between), so the keyword names are found by looking one word back.
  TupleObject* kw = insn_op(pc[-3]) == Op::KW_NAMES ? co->consts[insn_arg(pc[-3])].as<TupleObject>() : nullptr;
  if (isinstance_exact(callable, types::function)) {
    auto* fn = callable.as<FunctionObject>();
    if (!(fn->code->flags & CO_GENERATOR)) {
      SAVE();
      f->sp = sp - arg - 2;  // the callee consumes callable and args
      Frame* nf = kw ? nullptr : push_fast_frame(fn, args, nargs);
      if (!nf) nf = make_function_frame(fn, args, nargs, kw);
      if (!nf) {
        f->sp = sp;
        goto error;
      }
      sp -= arg + 2;
      if (g_jit.enabled && !g_jit.recording) {
        CodeObject* fc = fn->code;
        if (fc->jit_func) {
          // A function trace: it returns here (nullptr, value in g_jit.ret) or exits in the
          // callee (or deeper) with the frames written back.
          Frame* r = g_jit.enter(nf, fc->jit_func);
          if (!r) {
            pop_frame(nf);
            PUSH(g_jit.ret);
            SAFE_POINT(pc - 1 - co->code);
            DISPATCH();
          }
          f = r;
          LOAD_FRAME();
          labels = g_jit.recording ? kRecordLabels : kLabels;
          if (g_jit.raising) {
            g_jit.raising = false;
            f->lasti = int32_t(pc - 1 - co->code);
            goto error;
          }
          SAFE_POINT(pc - co->code);
          DISPATCH();
        }
        if (fc->jit_calls != kJitNever && ++fc->jit_calls >= g_jit.threshold && g_jit.func_hot) {
          fc->jit_calls = 0;
          g_jit.func_hot(nf);
          labels = g_jit.recording ? kRecordLabels : kLabels;
        }
      }
      f = nf;
      LOAD_FRAME();
      SAFE_POINT(0);
      DISPATCH();
    }
  }
  if (callable.is_obj() && callable.as_obj()->type == types::type && sp[-int(arg) - 2].is_null() && !kw) {
    // cls(args): allocate the instance and run a Python __init__ as an inline frame; the
    // instance replaces [NULL, cls] on the caller's stack and RETURN_VALUE of a kFrameInit
    // frame leaves it there.
    auto* t = callable.as<TypeObject>();
    if ((t->flags & (kTypeHeap | kTypeInstanceLayout | kTypeExceptionLayout)) == (kTypeHeap | kTypeInstanceLayout) &&
        t->tp_new == types::object->tp_new) {
      Value init = type_lookup_cached(t, g_str_init);
      if (isinstance_exact(init, types::function) && !(init.as<FunctionObject>()->code->flags & CO_GENERATOR)) {
        SAVE();
        Value inst = instance_new(t);
        CHECK(inst);
        sp[-int(arg) - 2] = inst;
        sp[-int(arg) - 1] = inst;
        f->sp = sp - arg - 1;
        Frame* nf = push_fast_frame(init.as<FunctionObject>(), sp - arg - 1, arg + 1);
        if (!nf) nf = make_function_frame(init.as<FunctionObject>(), sp - arg - 1, arg + 1, nullptr);
        if (!nf) {
          f->sp = sp;
          goto error;
        }
        nf->flags |= kFrameInit;
        sp -= arg + 1;
        f = nf;
        LOAD_FRAME();
        DISPATCH();
      }
    }
  }
  if (isinstance_exact(callable, types::method) && !kw) {
    // Bound method: call the function with self prepended, reusing the NULL slot.
    auto* bm = callable.as<BoundMethodObject>();
    if (isinstance_exact(bm->func, types::function) && args == sp - arg) {
      auto* fn = bm->func.as<FunctionObject>();
      if (!(fn->code->flags & CO_GENERATOR)) {
        sp[-int(arg) - 1] = bm->self;
        SAVE();
        f->sp = sp - arg - 2;
        Frame* nf = push_fast_frame(fn, sp - arg - 1, nargs + 1);
        if (!nf) nf = make_function_frame(fn, sp - arg - 1, nargs + 1, nullptr);
        if (!nf) {
          f->sp = sp;
          goto error;
        }
        sp -= arg + 2;
        f = nf;
        LOAD_FRAME();
        DISPATCH();
      }
    }
  }
  if (callable.is_obj() && callable.as_obj()->type == types::builtin_function) {
    // A built-in function, or an unbound built-in method with self among the args (LOAD_METHOD):
    // call the C function directly (native_call's self-null case).
    auto* nfo = callable.as<NativeFunctionObject>();
    if (nfo->self.is_null()) {
      if (nfo->fn == g_len_fn && nargs == 1 && !kw && args[0].is_obj()) {
        Object* o = args[0].as_obj();
        int64_t n = -1;
        if (o->type == types::list) n = int64_t(static_cast<ListObject*>(o)->size);
        else if (o->type == types::str) n = int64_t(static_cast<StrObject*>(o)->length);
        else if (o->type == types::tuple) n = int64_t(static_cast<TupleObject*>(o)->size);
        else if (o->type == types::dict) n = int64_t(static_cast<DictObject*>(o)->used);
        if (n >= 0) {
          sp -= arg + 2;
          PUSH(Value::from_small_int(n));  // sizes are far below 2^47
          DISPATCH();
        }
      }
      SAVE();
      if (!native_check_self(nfo, args, nargs)) goto error;
      if (nfo->arity != kNativeVarArgs && !native_check_arity(nfo, nfo->owner && nargs ? nargs - 1 : nargs, kw)) goto error;
      Value r = nfo->fn(args, nargs, kw);
      CHECK(r);
      sp -= arg + 2;
      PUSH(r);
      DISPATCH();
    }
  }
  SAVE();
  Value r = call(callable, args, nargs, kw);
  CHECK(r);
  sp -= arg + 2;
  PUSH(r);
  DISPATCH();
}

op_CALL_FUNCTION_EX: {
  const uint32_t arg = insn_arg(pc[-1]);
  SAVE();
  Value kwargs = (arg & 1) ? TOP() : Value::null();
  Value args = (arg & 1) ? SECOND() : TOP();
  Value callable = sp[-int(arg & 1) - 2];
  Value r = call_ex(callable, args, kwargs);
  CHECK(r);
  sp -= 3 + (arg & 1);
  PUSH(r);
  DISPATCH();
}

op_MAKE_FUNCTION: {
  const uint32_t arg = insn_arg(pc[-1]);
  {  // the validator checks the code and the closure's length; what the closure holds and the
     // defaults are built at run time
    if (arg & 8) {
      const TupleObject* closure = sp[-2].as<TupleObject>();
      for (uint64_t k = 0; k < closure->size; k++)
        EXPECT_OPERAND(closure->items[k].is_obj() && closure->items[k].as_obj()->type == types::cell);
    }
    Value* below = sp - 1 - ((arg & 8) != 0) - ((arg & 4) != 0);
    EXPECT_OPERAND(!(arg & 2) || isinstance_exact(*--below, types::dict));
    EXPECT_OPERAND(!(arg & 1) || isinstance_exact(*--below, types::tuple));
  }
  FunctionObject* fn = function_new(POP().as<CodeObject>(), f->globals, f->builtins);
  if (arg & 8) fn->closure = POP().as<TupleObject>();
  if (arg & 4) fn->annotations = POP();
  if (arg & 2) fn->kwdefaults = POP().as<DictObject>();
  if (arg & 1) fn->defaults = POP().as<TupleObject>();
  PUSH(obj(fn));
  DISPATCH();
}

op_LOAD_BUILD_CLASS: {
  Value b = dict_get_str(f->builtins, str_intern("__build_class__"));
  if (b.is_null()) {
    SAVE();
    raise(exc::NameError, "__build_class__ not found");
    goto error;
  }
  PUSH(b);
  DISPATCH();
}

op_IMPORT_NAME: {
  const uint32_t arg = insn_arg(pc[-1]);
  SAVE();
  Value fromlist = TOP();
  Value level = SECOND();
  Value m = do_import(f, co->names[arg], fromlist, level);
  CHECK(m);
  sp--;
  TOP() = m;
  DISPATCH();
}

op_IMPORT_FROM: {
  const uint32_t arg = insn_arg(pc[-1]);
  SAVE();
  StrObject* name = co->names[arg];
  Value v = getattr_opt(TOP(), name);
  CHECK(v);
  if (v.is_null()) v = import_from(TOP(), name);
  CHECK(v);
  PUSH(v);
  DISPATCH();
}

op_IMPORT_STAR: {
  SAVE();
  Value m = TOP();
  if (!isinstance_exact(m, types::module)) {
    raise(exc::TypeError, "import * expects a module");
    goto error;
  }
  DictObject* md = m.as<ModuleObject>()->dict;
  Value all = dict_get_str(md, str_intern("__all__"));
  if (!all.is_null()) {
    Value it = get_iter(all);
    CHECK(it);
    for (;;) {
      Value n = iter_next(it);
      CHECK(n);
      if (n.is_null()) break;
      Value v = getattr(m, as_str(n));
      CHECK(v);
      if (dict_set(f->locals, n, v) < 0) goto error;
    }
  } else {
    for (uint64_t i = 0; i < md->nentries; i++) {
      DictEntry& e = md->entries[i];
      if (e.key.is_null() || !is_str(e.key) || as_str(e.key)->view().substr(0, 1) == "_") continue;
      if (dict_set(f->locals, e.key, e.value) < 0) goto error;
    }
  }
  sp--;
  DISPATCH();
}

// -- Exceptions ----------------------------------------------------------------------------------------
op_RAISE_VARARGS: {
  const uint32_t arg = insn_arg(pc[-1]);
  SAVE();
  if (arg == 0) {
    if (g_handled.is_null() || g_handled.is_none()) {
      raise(exc::RuntimeError, "No active exception to reraise");
      goto error;
    }
    exc_restore(g_handled);
    goto exception_unwind;
  }
  Value cause = arg == 2 ? POP() : Value::null();
  Value e = POP();
  f->sp = sp;
  if (raise_value(e).is_exc() && !cause.is_null()) {
    Value pending = exc_fetch();
    if (!(type_of(pending)->flags & kTypeExceptionLayout)) {
      exc_restore(pending);
      goto error;
    }
    Value c = cause;
    if (c.is_obj() && c.as_obj()->type == types::type && is_subtype(c.as<TypeObject>(), exc::BaseException)) {
      c = call0(c);
      if (c.is_exc()) goto error;
    } else if (!c.is_none() && !(type_of(c)->flags & kTypeExceptionLayout)) {
      raise(exc::TypeError, "exception causes must derive from BaseException");
      goto error;
    }
    auto* eo = pending.as<ExceptionObject>();
    eo->cause = c;
    eo->suppress_context = true;
    exc_restore(pending);
  }
  goto error;
}

op_RERAISE: {
  const uint32_t arg = insn_arg(pc[-1]);
  // arg != 0: the lasti to restore is stack[-(arg + 1)] (CPython's PEEK(oparg + 1)).
  const Value lasti = arg ? sp[-int(arg) - 1] : Value::null();
  EXPECT_OPERAND(!arg || (lasti.is_small_int() && uint64_t(lasti.as_small_int()) < co->ncode));
  EXPECT_OPERAND(IS_EXCEPTION(TOP()));
  Value e = POP();
  unwind_at = uint32_t(pc - 1 - co->code);  // handlers are looked up at the RERAISE itself
  f->lasti = arg ? int32_t(lasti.as_small_int()) : int32_t(unwind_at);
  f->sp = sp;
  f->pc = pc;
  exc_restore(e);
  goto exception_unwind_keep_lasti;
}

op_PUSH_EXC_INFO: {
  EXPECT_OPERAND(IS_EXCEPTION(TOP()));
  Value e = TOP();
  TOP() = g_handled.is_null() ? Value::none() : g_handled;
  g_handled = e;
  PUSH(e);
  DISPATCH();
}

op_POP_EXCEPT: {
  EXPECT_OPERAND(TOP().is_none() || IS_EXCEPTION(TOP()));
  Value prev = POP();
  g_handled = prev.is_none() ? Value::null() : prev;
  DISPATCH();
}

op_CHECK_EXC_MATCH: {
  SAVE();
  Value match = TOP();
  Value e = SECOND();
  auto check_one = [&](Value t) -> int {
    if (!(t.is_obj() && t.as_obj()->type == types::type && is_subtype(t.as<TypeObject>(), exc::BaseException)) &&
        !(t.is_obj() && is_subtype(t.as_obj()->type, types::type))) {
      raise(exc::TypeError, "catching classes that do not inherit from BaseException is not allowed");
      return -1;
    }
    return is_subtype(type_of(e), t.as<TypeObject>()) ? 1 : 0;
  };
  int r = 0;
  if (is_tuple(match)) {
    auto* t = match.as<TupleObject>();
    for (uint64_t i = 0; i < t->size && r == 0; i++) r = check_one(t->items[i]);
  } else {
    r = check_one(match);
  }
  if (r < 0) goto error;
  TOP() = Value::from_bool(r);
  DISPATCH();
}

op_PRINT_EXPR: {
  SAVE();
  Value v = POP();
  Value sys = dict_get_str(g_sys_modules, str_intern("sys"));
  Value hook = sys.is_null() ? Value::null() : dict_get_str(sys.as<ModuleObject>()->dict, str_intern("displayhook"));
  if (hook.is_null()) {
    raise(exc::RuntimeError, "lost sys.displayhook");
    goto error;
  }
  Value r = call1(hook, v);
  CHECK(r);
  DISPATCH();
}

op_LOAD_ASSERTION_ERROR:
  PUSH(obj(exc::AssertionError));
  DISPATCH();

op_BEFORE_WITH: {
  SAVE();
  Value mgr = TOP();
  Value enter = lookup_special(mgr, str_intern("__enter__"));
  Value exit = enter.is_null() ? Value::null() : lookup_special(mgr, str_intern("__exit__"));
  if (enter.is_null() || exit.is_null()) {
    raise_fmt(exc::TypeError, "'{}' object does not support the context manager protocol", type_name(mgr));
    goto error;
  }
  TOP() = exit;
  Value r = call0(enter);
  CHECK(r);
  PUSH(r);
  DISPATCH();
}

op_WITH_EXCEPT_START: {
  SAVE();
  // Stack: [exit_func, lasti, prev_exc, exc]
  Value e = TOP();
  Value exit = sp[-4];
  Value tb = e.is_obj() && (type_of(e)->flags & kTypeExceptionLayout) ? e.as<ExceptionObject>()->traceback : Value::none();
  Value args[3] = {obj(type_of(e)), e, tb.is_null() ? Value::none() : tb};
  Value r = call(exit, args, 3);
  CHECK(r);
  PUSH(r);
  DISPATCH();
}

op_SETUP_ANNOTATIONS: {
  SAVE();
  StrObject* ann = str_intern("__annotations__");
  Value v = dict_get(f->locals, obj(ann));
  CHECK(v);
  if (v.is_null() && dict_set(f->locals, obj(ann), obj(dict_new())) < 0) goto error;
  DISPATCH();
}

op_RETURN_GENERATOR: {
  // The frame becomes the generator's (or coroutine's): copy it out, pop it, return the object.
  SAVE();
  auto* gen = gc::make<GeneratorObject>((co->flags & CO_COROUTINE)         ? types::coroutine
                                        : (co->flags & CO_ASYNC_GENERATOR) ? types::async_generator
                                                                            : types::generator);
  size_t bytes = sizeof(Frame) + sizeof(Value) * (co->nlocalsplus + co->stacksize);
  gen->frame = static_cast<Frame*>(sys_malloc(bytes));
  std::memcpy(static_cast<void*>(gen->frame), f, bytes);
  gen->frame_bytes = bytes;
  gen->sp_offset = uint32_t(sp - f->localsplus);
  gen->exc_state = Value::null();
  gen->name = f->func ? f->func->name : co->name;
  gen->qualname = f->func ? f->func->qualname : co->qualname;
  gen->code = co;
  gc::note_external(int64_t(bytes));
  retval = obj(gen);
  if (f->flags & kFrameEntry) {
    pop_frame(f);
    g_native_depth--;
    return retval;
  }
  Frame* done = f;
  f = f->prev;
  pop_frame(done);
  LOAD_FRAME();
  PUSH(retval);
  DISPATCH();
}

op_YIELD_VALUE:
  retval = POP();
  SAVE();
  g_yielded = true;
  pop_frame(f);
  g_native_depth--;
  return retval;

op_GET_YIELD_FROM_ITER: {
  if (isinstance_exact(TOP(), types::coroutine)) {
    // `yield from` a coroutine only inside a generator-based coroutine (types.coroutine)
    if (!(co->flags & (CO_COROUTINE | CO_ITERABLE_COROUTINE))) {
      SAVE();
      raise(exc::TypeError, "cannot 'yield from' a coroutine object in a non-coroutine generator");
      goto error;
    }
  } else if (!isinstance_exact(TOP(), types::generator)) {
    SAVE();
    Value it = get_iter(TOP());
    CHECK(it);
    TOP() = it;
  }
  DISPATCH();
}

op_SEND: {
  const uint32_t arg = insn_arg(pc[-1]);
  SAVE();
  Value v = TOP();
  Value recv = SECOND();
  Value r;
  bool yielded = true;
  if (isinstance_exact(recv, types::generator) || isinstance_exact(recv, types::coroutine)) {
    r = gen_resume(recv.as<GeneratorObject>(), v, false, &yielded);
    if (!yielded && r.is_null()) r = Value::none();
  } else {
    // A class's __next__ is called directly: its StopIteration carries the result.
    TypeObject* rt = type_of(recv);
    if (v.is_none() && rt->iternext && !(rt->flags & kTypeHeap)) r = rt->iternext(recv);
    else if (v.is_none()) r = call_method(recv, str_intern("__next__"), nullptr, 0);
    else r = call_method(recv, str_intern("send"), &v, 1);
    if (r.is_null()) {
      yielded = false;
      r = Value::none();
    } else if (r.is_exc() && exc_matches(exc::StopIteration)) {
      Value e = exc_fetch();
      auto* eo = e.as<ExceptionObject>();
      r = eo->args && eo->args->size ? eo->args->items[0] : Value::none();
      yielded = false;
    }
  }
  CHECK(r);
  if (yielded) {
    TOP() = r;
  } else {
    sp--;
    TOP() = r;
    JUMP_TO(arg);
  }
  DISPATCH();
}

// -- Coroutines and async ------------------------------------------------------------------------------
op_GET_AWAITABLE: {
  const uint32_t arg = insn_arg(pc[-1]);
  SAVE();
  Value it = awaitable_iter(TOP(), arg);
  CHECK(it);
  TOP() = it;
  DISPATCH();
}

op_GET_AITER: {
  SAVE();
  Value it = get_aiter(TOP());
  CHECK(it);
  TOP() = it;
  DISPATCH();
}

op_GET_ANEXT: {
  SAVE();
  Value aw = get_anext_awaitable(TOP());
  CHECK(aw);
  PUSH(aw);
  DISPATCH();
}

op_BEFORE_ASYNC_WITH: {
  SAVE();
  Value mgr = TOP();
  Value enter = lookup_special(mgr, str_intern("__aenter__"));
  if (enter.is_null()) {
    raise_fmt(exc::TypeError, "'{}' object does not support the asynchronous context manager protocol", type_name(mgr));
    goto error;
  }
  Value exit = lookup_special(mgr, str_intern("__aexit__"));
  if (exit.is_null()) {
    raise_fmt(exc::TypeError,
              "'{}' object does not support the asynchronous context manager protocol (missed __aexit__ method)",
              type_name(mgr));
    goto error;
  }
  TOP() = exit;
  Value r = call0(enter);
  CHECK(r);
  PUSH(r);
  DISPATCH();
}

op_END_ASYNC_FOR: {
  EXPECT_OPERAND(IS_EXCEPTION(TOP()));
  Value e = POP();
  if (is_subtype(type_of(e), exc::StopAsyncIteration)) {
    sp--;
    DISPATCH();
  }
  SAVE();
  exc_restore(e);
  goto exception_unwind;
}

op_ASYNC_GEN_WRAP:
  TOP() = async_gen_wrap(TOP());
  DISPATCH();

// -- Pattern matching -----------------------------------------------------------------------------------
op_GET_LEN: {
  SAVE();
  int64_t n = length(TOP());
  if (n < 0) goto error;
  PUSH(Value::int_fits_small(n) ? Value::from_small_int(n) : int_from_i64(n));
  DISPATCH();
}

op_MATCH_MAPPING:
  {
    const Value b = Value::from_bool(match_is_mapping(TOP()));
    PUSH(b);
  }
  DISPATCH();

op_MATCH_SEQUENCE:
  {
    const Value b = Value::from_bool(match_is_sequence(TOP()));
    PUSH(b);
  }
  DISPATCH();

op_MATCH_KEYS: {
  SAVE();
  EXPECT_OPERAND(is_tuple(TOP()));
  Value r = match_keys(SECOND(), TOP());
  CHECK(r);
  PUSH(r);
  DISPATCH();
}

op_MATCH_CLASS: {
  const uint32_t arg = insn_arg(pc[-1]);
  SAVE();
  EXPECT_OPERAND(is_tuple(TOP()));
  for (uint64_t i = 0; i < TOP().as<TupleObject>()->size; i++) EXPECT_OPERAND(is_str(TOP().as<TupleObject>()->items[i]));
  Value r = match_class(sp[-3], sp[-2], arg, sp[-1]);
  CHECK(r);
  sp -= 2;
  TOP() = r;
  DISPATCH();
}

// -- except* ------------------------------------------------------------------------------------------
op_CHECK_EG_MATCH: {
  SAVE();
  EXPECT_OPERAND(IS_EXCEPTION(SECOND()));
  Value rest, match;
  if (exception_group_match(SECOND(), TOP(), &match, &rest) < 0) goto error;
  if (match.is_none()) {
    TOP() = match;
  } else {
    SECOND() = rest;
    TOP() = match;
    g_handled = match;
  }
  DISPATCH();
}

op_PREP_RERAISE_STAR: {
  SAVE();
  EXPECT_OPERAND(IS_EXCEPTION(SECOND()) && is_list(TOP()));
  Value r = prep_reraise_star(SECOND(), TOP());
  CHECK(r);
  sp--;
  TOP() = r;
  DISPATCH();
}

// -- Unwinding ----------------------------------------------------------------------------------------
// Every handler that fails has done SAVE() first, so f->lasti is the failing instruction.
error:
  add_traceback(f);
exception_unwind:
  unwind_at = uint32_t(f->lasti);
exception_unwind_keep_lasti:
  for (;;) {
    const ExceptionEntry* h = find_handler(co, unwind_at);
    if (h) {
      sp = f->stack_base() + h->depth;
      if (h->lasti) PUSH(Value::from_small_int(f->lasti));
      PUSH(exc_fetch());
      JUMP_TO(h->target);
      DISPATCH();
    }
    if (f->flags & kFrameEntry) {
      pop_frame(f);
      g_native_depth--;
      return Value::exc();
    }
    Frame* done = f;
    f = f->prev;
    pop_frame(done);
    LOAD_FRAME();
    unwind_at = uint32_t(f->lasti);
    add_traceback(f);
  }
}

}  // namespace
}  // namespace chaipy
