// frontend/symtable.h — scopes and the local / global / free / cell classification of names,
// following CPython's symtable rules (class scopes are skipped by nested functions, comprehensions
// are function scopes, `super` / `__class__` in a method create the implicit __class__ cell).
#pragma once
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "frontend/ast.h"
#include "frontend/syntax_error.h"

namespace chaipy {

enum class ScopeKind : uint8_t { kModule, kFunction, kClass, kLambda, kComprehension };
enum class NameScope : uint8_t { kLocal, kGlobalExplicit, kGlobalImplicit, kFree, kCell };

enum SymFlag : uint32_t {
  kDefGlobal = 1, kDefLocal = 2, kDefParam = 4, kDefNonlocal = 8, kUse = 16, kDefFreeClass = 32, kDefImport = 64,
};

struct SymScope {
  ScopeKind kind = ScopeKind::kModule;
  std::string name;
  int lineno = 0;
  const void* node = nullptr;
  std::vector<std::string> symbol_order;  // names in order of first mention
  std::unordered_map<std::string, uint32_t> flags;
  std::unordered_map<std::string, NameScope> scopes;  // filled by analysis
  std::vector<std::string> params;  // in co_varnames order
  std::vector<SymScope*> children;
  SymScope* parent = nullptr;
  std::string private_name;  // enclosing class name for name mangling
  bool is_generator = false, needs_class_closure = false, nested = false;
  bool is_coroutine = false;  // async def, or holds `await` / `async for` (CPython's ste_coroutine)
  bool is_async_def = false;  // an `async def` function scope
  bool has_varargs = false, has_varkw = false;
  std::unordered_map<std::string, ast::Pos> first_use;  // for global/nonlocal errors

  bool function_like() const { return kind != ScopeKind::kModule && kind != ScopeKind::kClass; }
  // Code that starts with RETURN_GENERATOR: generators, coroutines and async generators.
  bool generator_like() const { return function_like() && (is_generator || is_coroutine); }
  NameScope lookup(const std::string& n) const;
  // Cell and free names, sorted (co_cellvars / co_freevars order).
  std::vector<std::string> cellvars() const;
  std::vector<std::string> freevars() const;
};

struct SymbolTable {
  std::vector<std::unique_ptr<SymScope>> scopes;
  std::unordered_map<const void*, SymScope*> by_node;
  SymScope* top = nullptr;
  SymScope* scope_of(const void* node) const {
    auto it = by_node.find(node);
    return it == by_node.end() ? nullptr : it->second;
  }
};

// Private-name mangling: __x inside class C -> _C__x.
std::string mangle(const std::string& private_name, const std::string& name);

// Build the table; on error returns nullopt table and sets `error`. Under `from __future__ import
// annotations` (future_annotations) annotations are never evaluated, so their names are not uses.
std::unique_ptr<SymbolTable> build_symtable(const ast::Module& m, std::string_view src, const std::string& filename,
                                            std::optional<SyntaxErrorInfo>& error, bool future_annotations = false);

}  // namespace chaipy
