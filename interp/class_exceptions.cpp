// interp/class_exceptions.cpp — BaseException and the built-in exception classes: construction
// (args), str/repr, the chaining attributes, and the per-class extras (StopIteration.value,
// SystemExit.code, OSError.errno, KeyError's str, ...). Instances are ExceptionObject.
#include <cerrno>
#include <cstring>

#include "interp/class_internal.h"

namespace chaipy {
namespace cls {
namespace {

ExceptionObject* as_exc(Value v) { return v.as<ExceptionObject>(); }

void set_attr(Value self, StrObject* name, Value v) { instance_set_slot(self.as<InstanceObject>(), name, v); }
Value get_attr(Value self, StrObject* name) {
  Value v = instance_get_slot(self.as<InstanceObject>(), name);
  return v.is_null() ? Value::none() : v;
}

StrObject *s_end_lineno, *s_end_offset, *s_print_file_and_line, *s_filename2, *s_characters_written;

// Keyword arguments a built-in exception class accepts (besides none).
bool kw_allowed(TypeObject* sb, StrObject* k) {
  if (is_subtype(sb, exc::AttributeError)) return k == S.name || k == S.obj;
  if (is_subtype(sb, exc::NameError)) return k == S.name;
  if (is_subtype(sb, exc::ImportError)) return k == S.name || k == S.path;
  return false;
}

}  // namespace
// Per-class state derived from args (CPython's XxxError_init).
int exc_extras(Value self, TupleObject* args, Value* kwvals, TupleObject* kw) {
  TypeObject* sb = solid_base(type_of(self));
  uint64_t n = args->size;
  ExceptionObject* e = as_exc(self);
  if (is_subtype(sb, exc::StopIteration)) {
    set_attr(self, S.value, n ? args->items[0] : Value::none());
  } else if (is_subtype(sb, exc::SystemExit)) {
    set_attr(self, S.code, n == 0 ? Value::none() : n == 1 ? args->items[0] : obj(args));
  } else if (is_subtype(sb, exc::OSError)) {
    // OSError(errno, strerror[, filename[, winerror[, filename2]]]); BlockingIOError's third
    // argument is characters_written. With a filename, args keeps only (errno, strerror).
    Value en = Value::none(), se = Value::none(), fn = Value::none(), fn2 = Value::none();
    bool blocking = is_subtype(sb, exc::BlockingIOError);
    if (n >= 2 && n <= 5) {
      en = args->items[0];
      se = args->items[1];
      if (n >= 3) {
        if (blocking && is_int(args->items[2])) {
          set_attr(self, s_characters_written, args->items[2]);
        } else {
          fn = args->items[2];
          if (n == 5) fn2 = args->items[4];
          if (!fn.is_none()) e->args = tuple_of(args->items, 2);
        }
      }
    }
    set_attr(self, S.errno_, en);
    set_attr(self, S.strerror, se);
    set_attr(self, S.filename, fn);
    set_attr(self, s_filename2, fn2);
  } else if (is_subtype(sb, exc::SyntaxError)) {
    set_attr(self, S.msg, n >= 1 ? args->items[0] : Value::none());
    Value fields[6] = {Value::none(), Value::none(), Value::none(), Value::none(), Value::none(), Value::none()};
    if (n == 2 && is_tuple(args->items[1])) {
      TupleObject* info = args->items[1].as<TupleObject>();
      if (info->size < 4 || info->size > 6) {
        raise(exc::IndexError, "tuple index out of range");
        return -1;
      }
      for (uint64_t i = 0; i < info->size; i++) fields[i] = info->items[i];
    }
    set_attr(self, S.filename, fields[0]);
    set_attr(self, S.lineno, fields[1]);
    set_attr(self, S.offset, fields[2]);
    set_attr(self, S.text, fields[3]);
    set_attr(self, s_end_lineno, fields[4]);
    set_attr(self, s_end_offset, fields[5]);
    set_attr(self, s_print_file_and_line, Value::none());
  } else if (is_subtype(sb, exc::ImportError)) {
    set_attr(self, S.msg, n == 1 ? args->items[0] : Value::none());
    set_attr(self, S.name, Value::none());
    set_attr(self, S.path, Value::none());
  } else if (is_subtype(sb, exc::AttributeError)) {
    set_attr(self, S.name, Value::none());
    set_attr(self, S.obj, Value::none());
  } else if (is_subtype(sb, exc::NameError)) {
    set_attr(self, S.name, Value::none());
  }
  for (size_t i = 0; i < nkw(kw); i++) {
    StrObject* k = intern_name(as_str(kw->items[i]));
    if (!kw_allowed(sb, k)) {
      raise_fmt(exc::TypeError, "{}() got an unexpected keyword argument '{}'", type_of(self)->name->view(), k->view());
      return -1;
    }
    set_attr(self, k, kwvals[i]);
  }
  return 0;
}
namespace {

Value exc_tp_new(TypeObject* t, Value* args, size_t nargs, TupleObject* kw) {
  // OSError(errno, strerror, ...) builds the subclass its errno names (CPython's errnomap).
  int64_t en;
  if (t == exc::OSError && nargs - nkw(kw) >= 2 && is_int(args[0]) && int_to_i64(args[0], &en) && en == int(en))
    t = os_error_type_for(int(en));
  Value o = instance_new(t);
  if (o.is_exc()) return o;
  as_exc(o)->args = tuple_of(args, nargs - nkw(kw));
  return o;
}

int exc_init(Value self, Value* args, size_t nargs, TupleObject* kw) {
  TypeObject* t = type_of(self);
  if (nkw(kw)) {
    TypeObject* sb = solid_base(t);
    bool ok = true;
    for (size_t i = 0; i < kw->size && ok; i++) ok = kw_allowed(sb, intern_name(as_str(kw->items[i])));
    if (!ok && !is_subtype(sb, exc::AttributeError) && !is_subtype(sb, exc::NameError) &&
        !is_subtype(sb, exc::ImportError)) {
      raise_fmt(exc::TypeError, "{}() takes no keyword arguments", t->name->view());
      return -1;
    }
  }
  size_t npos = nargs - nkw(kw);
  TupleObject* a = tuple_of(args, npos);
  as_exc(self)->args = a;
  return exc_extras(self, a, args + npos, kw);
}

// -- str / repr --------------------------------------------------------------------------------------
Value base_str(Value self) {
  TupleObject* a = as_exc(self)->args;
  if (!a || a->size == 0) return str_value("");
  if (a->size == 1) return str_of(a->items[0]);
  return str_of(obj(a));
}

Value key_error_str(Value self) {
  TupleObject* a = as_exc(self)->args;
  if (a && a->size == 1) return repr(a->items[0]);
  return base_str(self);
}

Value os_error_str(Value self) {
  Value en = get_attr(self, S.errno_), se = get_attr(self, S.strerror), fn = get_attr(self, S.filename);
  if (!fn.is_none()) {
    Value fr = repr(fn);
    if (fr.is_exc()) return fr;
    Value fn2 = get_attr(self, s_filename2);
    if (!fn2.is_none()) {
      Value fr2 = repr(fn2);
      if (fr2.is_exc()) return fr2;
      return str_value(fmt::format("[Errno {}] {}: {} -> {}", str_utf8(en), str_utf8(se), as_str(fr)->view(),
                                   as_str(fr2)->view()));
    }
    return str_value(fmt::format("[Errno {}] {}: {}", str_utf8(en), str_utf8(se), as_str(fr)->view()));
  }
  if (!en.is_none() && !se.is_none()) return str_value(fmt::format("[Errno {}] {}", str_utf8(en), str_utf8(se)));
  return base_str(self);
}

Value syntax_error_str(Value self) {
  Value msg = get_attr(self, S.msg), fn = get_attr(self, S.filename), ln = get_attr(self, S.lineno);
  std::string m = str_utf8(msg);
  std::string base;
  if (is_str(fn)) {
    std::string_view f = as_str(fn)->view();
    size_t slash = f.rfind('/');
    base = std::string(slash == std::string_view::npos ? f : f.substr(slash + 1));
  }
  bool have_line = is_int(ln);
  if (!base.empty() && have_line) return str_value(fmt::format("{} ({}, line {})", m, base, str_utf8(ln)));
  if (!base.empty()) return str_value(fmt::format("{} ({})", m, base));
  if (have_line) return str_value(fmt::format("{} (line {})", m, str_utf8(ln)));
  return str_of(msg);
}

Value import_error_str(Value self) {
  Value msg = get_attr(self, S.msg);
  if (!msg.is_none()) return str_of(msg);
  return base_str(self);
}

Value exc_repr(Value self) {
  TypeObject* t = type_of(self);
  TupleObject* a = as_exc(self)->args;
  if (a && a->size == 1) {
    Value r = repr(a->items[0]);
    if (r.is_exc()) return r;
    return str_value(fmt::format("{}({})", t->name->view(), as_str(r)->view()));
  }
  if (!a || a->size == 0) return str_value(fmt::format("{}()", t->name->view()));
  Value r = repr(obj(a));
  if (r.is_exc()) return r;
  return str_value(fmt::format("{}{}", t->name->view(), as_str(r)->view()));
}

// -- Attributes ---------------------------------------------------------------------------------------
Value exc_getattr(Value self, StrObject* name) {
  name = intern_name(name);
  ExceptionObject* e = as_exc(self);
  if (name->data[0] == '_' || name == S.args) {
    if (name == S.args) return obj(e->args ? e->args : empty_tuple());
    if (name == S.__traceback__) return e->traceback.is_null() ? Value::none() : e->traceback;
    if (name == S.__cause__) return e->cause.is_null() ? Value::none() : e->cause;
    if (name == S.__context__) return e->context.is_null() ? Value::none() : e->context;
    if (name == S.__suppress_context__) return Value::from_bool(e->suppress_context);
  }
  return generic_getattr(self, name);
}

int exc_setattr(Value self, StrObject* name, Value v) {
  name = intern_name(name);
  ExceptionObject* e = as_exc(self);
  if (name == S.args) {
    if (v.is_null()) {
      raise(exc::TypeError, "args may not be deleted");
      return -1;
    }
    Value t = to_tuple(v);
    if (t.is_exc()) return -1;
    e->args = t.as<TupleObject>();
    return 0;
  }
  if (name == S.__traceback__) {
    if (v.is_null()) {
      raise(exc::TypeError, "__traceback__ may not be deleted");
      return -1;
    }
    if (!v.is_none() && !isinstance_exact(v, types::traceback)) {
      raise(exc::TypeError, "__traceback__ must be a traceback or None");
      return -1;
    }
    e->traceback = v;
    return 0;
  }
  if (name == S.__cause__ || name == S.__context__) {
    if (v.is_null()) {
      raise_fmt(exc::TypeError, "{} may not be deleted", name == S.__cause__ ? "__cause__" : "__context__");
      return -1;
    }
    if (!v.is_none() && !(type_of(v)->flags & kTypeExceptionLayout)) {
      raise_fmt(exc::TypeError, "exception {} must be None or derive from BaseException",
                name == S.__cause__ ? "cause" : "context");
      return -1;
    }
    if (name == S.__cause__) {
      e->cause = v;
      e->suppress_context = true;
    } else {
      e->context = v;
    }
    return 0;
  }
  if (name == S.__suppress_context__) {
    int b = v.is_null() ? 0 : truthy(v);
    if (b < 0) return -1;
    e->suppress_context = b;
    return 0;
  }
  return generic_setattr(self, name, v);
}

// -- Methods -------------------------------------------------------------------------------------------
bool need_exc(Value* args, size_t nargs, const char* what) {
  if (nargs >= 1 && (type_of(args[0])->flags & kTypeExceptionLayout)) return true;
  raise_fmt(exc::TypeError, "descriptor '{}' requires a 'BaseException' object", what);
  return false;
}

Value exc_new_native(Value* args, size_t nargs, TupleObject* kw) {
  if (nargs < 1) return raise(exc::TypeError, "BaseException.__new__(): not enough arguments");
  if (!args[0].is_obj() || !is_subtype(type_of(args[0]), types::type))
    return raise_fmt(exc::TypeError, "BaseException.__new__(X): X is not a type object ({})", type_name(args[0]));
  auto* t = args[0].as<TypeObject>();
  if (!is_subtype(t, exc::BaseException))
    return raise_fmt(exc::TypeError, "BaseException.__new__({}): {} is not a subtype of BaseException", t->name->view(),
                     t->name->view());
  return exc_tp_new(t, args + 1, nargs - 1, kw);
}

Value exc_init_native(Value* args, size_t nargs, TupleObject* kw) {
  if (!need_exc(args, nargs, "__init__")) return Value::exc();
  if (exc_init(args[0], args + 1, nargs - 1, kw) < 0) return Value::exc();
  return Value::none();
}

template <Value (*F)(Value)>
Value unary_native(Value* args, size_t nargs, TupleObject* kw) {
  if (!need_exc(args, nargs, "__str__")) return Value::exc();
  return F(args[0]);
}

Value with_traceback_native(Value* args, size_t nargs, TupleObject* kw) {
  if (!need_exc(args, nargs, "with_traceback")) return Value::exc();
  if (nargs != 2) return raise(exc::TypeError, "with_traceback() takes exactly one argument");
  if (exc_setattr(args[0], S.__traceback__, args[1]) < 0) return Value::exc();
  return args[0];
}

Value add_note_native(Value* args, size_t nargs, TupleObject* kw) {
  if (!need_exc(args, nargs, "add_note")) return Value::exc();
  if (nargs != 2) return raise(exc::TypeError, "add_note() takes exactly one argument");
  if (!is_str(args[1])) return raise_fmt(exc::TypeError, "note must be a str, not '{}'", type_name(args[1]));
  Value notes = instance_get_slot(args[0].as<InstanceObject>(), S.__notes__);
  if (notes.is_null()) {
    notes = obj(list_new(0));
    set_attr(args[0], S.__notes__, notes);
  }
  if (!is_list(notes)) return raise(exc::TypeError, "Cannot add note: __notes__ is not a list");
  list_append(notes.as<ListObject>(), args[1]);
  return Value::none();
}

}  // namespace

void init_exception_groups();  // class_exception_groups.cpp

void init_exception_types() {
  s_end_lineno = str_intern("end_lineno");
  s_end_offset = str_intern("end_offset");
  s_print_file_and_line = str_intern("print_file_and_line");
  s_filename2 = str_intern("filename2");
  s_characters_written = str_intern("characters_written");
  std::vector<TypeObject*> all;
#define EXCDEF(name, base) all.push_back(exc::name);
#include "interp/exceptions.def"
#undef EXCDEF
  for (TypeObject* t : all) {
    t->flags |= kTypeInstanceLayout | kTypeExceptionLayout | kTypeBaseType;
    t->instance_size = sizeof(ExceptionObject);
    if (!t->root_shape) t->root_shape = shape_root_new();
    t->trace = instance_trace;
    t->finalize = instance_finalize;
    t->tp_new = exc_tp_new;
    t->init = exc_init;
    t->repr = exc_repr;
    t->str = base_str;
    t->getattr = exc_getattr;
    t->setattr = exc_setattr;
    t->hash = object_hash;
    t->richcompare = object_richcompare;
    if (is_subtype(t, exc::KeyError)) t->str = key_error_str;
    if (is_subtype(t, exc::OSError)) t->str = os_error_str;
    if (is_subtype(t, exc::SyntaxError)) t->str = syntax_error_str;
    if (is_subtype(t, exc::ImportError)) t->str = import_error_str;
  }
  TypeObject* B = exc::BaseException;
  dict_set_str(B->dict, S.__new__, native_static("__new__", exc_new_native, B));
  type_add_methods(B, {{"__init__", exc_init_native},
                       {"__str__", unary_native<base_str>},
                       {"__repr__", unary_native<exc_repr>},
                       {"with_traceback", with_traceback_native},
                       {"add_note", add_note_native}});
  type_add_methods(exc::KeyError, {{"__str__", unary_native<key_error_str>}});
  type_add_methods(exc::OSError, {{"__str__", unary_native<os_error_str>}});
  type_add_methods(exc::SyntaxError, {{"__str__", unary_native<syntax_error_str>}});
  type_add_methods(exc::ImportError, {{"__str__", unary_native<import_error_str>}});
  init_exception_groups();
}

}  // namespace cls

TypeObject* os_error_type_for(int err) {
  switch (err) {
    case EAGAIN: case EALREADY: case EINPROGRESS: return exc::BlockingIOError;
    case ECHILD: return exc::ChildProcessError;
    case EPIPE: case ESHUTDOWN: return exc::BrokenPipeError;
    case ECONNABORTED: return exc::ConnectionAbortedError;
    case ECONNREFUSED: return exc::ConnectionRefusedError;
    case ECONNRESET: return exc::ConnectionResetError;
    case EEXIST: return exc::FileExistsError;
    case ENOENT: return exc::FileNotFoundError;
    case EISDIR: return exc::IsADirectoryError;
    case ENOTDIR: return exc::NotADirectoryError;
    case EINTR: return exc::InterruptedError;
    case EACCES: case EPERM: return exc::PermissionError;
    case ESRCH: return exc::ProcessLookupError;
    case ETIMEDOUT: return exc::TimeoutError;
    default: return exc::OSError;
  }
}

Value raise_os_error(int err, Value filename, Value filename2) {
  Value args[5] = {Value::from_small_int(err), str_value(std::strerror(err)), filename, Value::none(), filename2};
  size_t n = filename.is_null() ? 2 : filename2.is_null() ? 3 : 5;
  Value e = exception_new(os_error_type_for(err), cls::tuple_of(args, n));
  if (e.is_exc()) return e;
  return raise_value(e);
}

Value exception_new(TypeObject* type, TupleObject* args) {
  if (type->flags & kTypeHeap) return call(obj(type), args->items, args->size);
  Value o = instance_new(type);
  if (o.is_exc()) return o;
  o.as<ExceptionObject>()->args = args;
  if (cls::exc_extras(o, args, nullptr, nullptr) < 0) return Value::exc();
  return o;
}

}  // namespace chaipy
