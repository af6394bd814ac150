// interp/traceback.cpp — printing uncaught exceptions as CPython 3.11 does: traceback entries with
// caret/anchor lines, chained exceptions, SyntaxError locations, notes and "Did you mean" hints.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "frontend/compile.h"
#include "frontend/fold.h"
#include "frontend/parser.h"
#include "interp/vm.h"

namespace chaipy {

namespace {

constexpr int kRecursiveCutoff = 3;   // identical consecutive entries shown before collapsing
constexpr int64_t kDefaultTracebackLimit = 1000;
constexpr size_t kMaxCandidates = 750;  // suggestions: larger namespaces are not searched
constexpr size_t kMaxNameBytes = 40;    // suggestions: longer (after trimming affixes) never match
constexpr size_t kMoveCost = 2, kCaseCost = 1;

bool is_ws(unsigned char c) { return c == ' ' || c == '\t' || c == '\f'; }

// -- Source lines -------------------------------------------------------------------------------------
// The lines of each file, read once per printed exception (universal newlines, newline removed,
// other trailing whitespace kept as CPython's reader keeps it).
class SourceCache {
 public:
  // Line `line` (1-based) of `filename`, or nullopt when unavailable.
  const std::string* line(const std::string& filename, int line) {
    auto it = files_.find(filename);
    if (it == files_.end()) it = files_.emplace(filename, load(filename)).first;
    if (!it->second || line < 1 || size_t(line) > it->second->size()) return nullptr;
    return &(*it->second)[size_t(line) - 1];
  }

 private:
  static bool read_file(const std::string& path, std::string& data) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    if (std::filesystem::is_directory(path)) return false;
    std::ostringstream ss;
    ss << in.rdbuf();
    data = ss.str();
    return true;
  }
  // CPython looks the tail of a relative name up along sys.path when the file itself is missing.
  static bool find_source(const std::string& filename, std::string& data) {
    if (read_file(filename, data)) return true;
    std::string tail = filename;
    if (size_t slash = tail.rfind('/'); slash != std::string::npos) tail = tail.substr(slash + 1);
    Value sys = dict_get_str(g_sys_modules, str_intern("sys"));
    if (sys.is_null()) return false;
    Value path = getattr_opt(sys, str_intern("path"));
    if (path.is_null() || path.is_exc() || !is_list(path)) {
      if (exc_pending()) exc_fetch();
      return false;
    }
    auto* l = path.as<ListObject>();
    for (size_t i = 0; i < l->size; i++) {
      if (!is_str(l->items[i])) continue;
      std::string dir(as_str(l->items[i])->view());
      std::string full = dir.empty() ? tail : dir + "/" + tail;
      if (read_file(full, data)) return true;
    }
    return false;
  }
  static std::optional<std::vector<std::string>> load(const std::string& filename) {
    // Names like <string> or <stdin> are not files.
    if (filename.empty() || (filename.front() == '<' && filename.back() == '>')) return std::nullopt;
    std::string data;
    if (!find_source(filename, data)) return std::nullopt;
    if (data.compare(0, 3, "\xEF\xBB\xBF") == 0) data.erase(0, 3);
    std::vector<std::string> lines;
    std::string cur;
    for (size_t i = 0; i < data.size(); i++) {
      char c = data[i];
      if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < data.size() && data[i + 1] == '\n') i++;
        lines.push_back(std::move(cur));
        cur.clear();
      } else {
        cur += c;
      }
    }
    if (!cur.empty()) lines.push_back(std::move(cur));
    return lines;
  }
  std::map<std::string, std::optional<std::vector<std::string>>> files_;
};

bool valid_utf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = s[i];
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (size_t k = 1; k < n; k++)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += n;
  }
  return true;
}

// Characters in the first `col` bytes of `s`, the way CPython converts AST byte offsets: the
// offset is clipped to one past the end (counting the terminating NUL as a character) and a
// partial multi-byte sequence at the cut counts as one character.
int64_t char_offset(std::string_view s, int64_t col) {
  if (col > int64_t(s.size()) + 1) col = int64_t(s.size()) + 1;
  int64_t n = 0;
  for (int64_t i = 0; i < col; i++) {
    unsigned char c = i < int64_t(s.size()) ? static_cast<unsigned char>(s[size_t(i)]) : 0;
    if ((c & 0xC0) != 0x80) n++;
  }
  return n;
}
int64_t char_length(std::string_view s) { return char_offset(s, int64_t(s.size())); }

// Byte index of character `k` of `s` (clamped to the end).
size_t byte_index(std::string_view s, int64_t k) {
  size_t i = 0;
  for (int64_t seen = 0; i < s.size(); i++) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (seen == k) return i;
      seen++;
    }
  }
  return s.size();
}

// -- Caret anchors ------------------------------------------------------------------------------------
struct Anchors {
  int64_t left = -1, right = -1;  // secondary range [left, right) in characters of the line
  char primary = '^', secondary = '^';
};

// For a segment that parses as one expression statement holding a binary operation or a
// subscript, the byte range of the operator / the brackets within the segment.
bool segment_anchors(const std::string& seg, int64_t* left, int64_t* right, char* primary, char* secondary) {
  ParseResult pr = parse_source(seg, "<traceback>", ParseMode::kExec);
  if (pr.error) return false;
  fold_constants(pr.module);
  if (pr.module.body.size() != 1) return false;
  const ast::Stmt& st = *pr.module.body[0];
  if (st.kind != ast::StmtKind::kExpr || !st.value) return false;
  const ast::Expr& e = *st.value;
  auto at = [&](int64_t i) -> unsigned char {
    return i >= 0 && i < int64_t(seg.size()) ? static_cast<unsigned char>(seg[size_t(i)]) : 0;
  };
  if (e.kind == ast::ExprKind::kBinOp && e.a && e.b) {
    int64_t stop = e.b->pos.col;
    for (int64_t i = e.a->pos.end_col; i < stop; i++) {
      if (is_ws(at(i))) continue;
      *left = i;
      *right = i + 1;
      if (i + 1 < stop && !is_ws(at(i + 1))) ++*right;  // two-character operator such as //
      if (i + 1 < stop && at(i) == ')') continue;       // a closing parenthesis of the left operand
      *primary = '~';
      *secondary = '^';
      break;
    }
    return true;
  }
  if (e.kind == ast::ExprKind::kSubscript && e.a && e.b) {
    int64_t len = int64_t(seg.size());
    int64_t l = e.a->pos.end_col, r = e.b->pos.end_col + 1;
    while (l < len && at(l) != '[') l++;
    while (r < len && at(r) != ']') r++;
    if (r < len) r++;
    *left = l;
    *right = r;
    *primary = '~';
    *secondary = '^';
    return true;
  }
  return false;
}

Anchors line_anchors(const std::string& line, int64_t start, int64_t end) {
  Anchors a;
  if (start > end) return a;
  size_t b0 = byte_index(line, start), b1 = byte_index(line, end);
  std::string seg = b1 > b0 ? line.substr(b0, b1 - b0) : std::string();
  int64_t l = -1, r = -1;
  if (segment_anchors(seg, &l, &r, &a.primary, &a.secondary) && l >= 0 && r >= 0) {
    a.left = char_offset(seg, l) + start;
    a.right = char_offset(seg, r) + start;
  } else {
    a.primary = a.secondary = '^';
  }
  return a;
}

// The caret line for one traceback entry, or "" when none is shown.
std::string caret_line(const std::string& line, size_t indent, const SourcePos& pos) {
  if (pos.line < 0 || pos.end_line < 0 || pos.col < 0 || pos.end_col < 0) return "";
  int64_t start = char_offset(line, pos.col);
  int64_t end = char_offset(line, pos.end_col);
  int64_t line_len = char_length(line);
  Anchors a;
  if (pos.line == pos.end_line) {
    a = line_anchors(line, start, end);
  } else {
    // A multi-line instruction: highlight to the last non-blank character of the first line
    // (CPython indexes the UTF-8 text by character count here).
    int64_t i = line_len;
    while (--i >= 0)
      if (!is_ws(i < int64_t(line.size()) ? static_cast<unsigned char>(line[size_t(i)]) : 0)) break;
    end = i + 1;
  }
  bool secondary_ranges = a.left != -1 || a.right != -1;
  // No carets when the primary range covers the whole (indentation-stripped) line.
  if (end - start == line_len - int64_t(indent) && !secondary_ranges) return "";
  std::string out;
  for (int64_t off = int64_t(indent) - 4 + 1; off <= end; off++) {
    if (off <= start)
      out += ' ';
    else if (secondary_ranges && a.left < off && off <= a.right)
      out += a.secondary;
    else
      out += a.primary;
  }
  return out + "\n";
}

// -- Traceback entries --------------------------------------------------------------------------------
void print_entry(TracebackObject* t, SourceCache& src, std::string& out) {
  std::string file(t->code->filename->view());
  out += fmt::format("  File \"{}\", line {}, in {}\n", file, t->lineno, t->code->name->view());
  const std::string* line = src.line(file, t->lineno);
  if (!line || !valid_utf8(*line)) return;
  size_t indent = 0;
  while (indent < line->size() && is_ws(static_cast<unsigned char>((*line)[indent]))) indent++;
  out += "    " + line->substr(indent) + "\n";
  const auto& positions = t->code->u().positions;
  if (t->lasti < 0 || size_t(t->lasti) >= positions.size()) return;
  out += caret_line(*line, indent, positions[size_t(t->lasti)]);
}

Value sys_attr(const char* name) {
  Value sys = dict_get_str(g_sys_modules, str_intern("sys"));
  if (sys.is_null()) return Value();
  Value v = getattr_opt(sys, str_intern(name));
  if (v.is_exc()) {
    exc_fetch();
    return Value();
  }
  return v;
}

void print_repeated(int64_t count, std::string& out) {
  count -= kRecursiveCutoff;
  out += fmt::format("  [Previous line repeated {} more time{}]\n", count, count > 1 ? "s" : "");
}

void print_traceback(Value tb, SourceCache& src, std::string& out) {
  int64_t limit = kDefaultTracebackLimit;
  Value lv = sys_attr("tracebacklimit");
  if (!lv.is_null() && is_int(lv)) {
    int64_t n;
    if (!int_to_i64(lv, &n))
      limit = INT64_MAX;  // an overflowing limit counts as unlimited (a huge negative one too: rare)
    else if (n <= 0)
      return;
    else
      limit = n;
  }
  std::vector<TracebackObject*> entries;
  for (Value v = tb; v.is_obj() && isinstance_exact(v, types::traceback); v = v.as<TracebackObject>()->next)
    entries.push_back(v.as<TracebackObject>());
  size_t first = entries.size() > size_t(limit) ? entries.size() - size_t(limit) : 0;
  out += "Traceback (most recent call last):\n";
  StrObject *last_file = nullptr, *last_name = nullptr;
  int last_line = -1;
  int64_t count = 0;
  for (size_t i = first; i < entries.size(); i++) {
    TracebackObject* t = entries[i];
    if (!last_file || t->code->filename != last_file || last_line == -1 || t->lineno != last_line || !last_name ||
        t->code->name != last_name) {
      if (count > kRecursiveCutoff) print_repeated(count, out);
      last_file = t->code->filename;
      last_line = t->lineno;
      last_name = t->code->name;
      count = 0;
    }
    count++;
    if (count <= kRecursiveCutoff) print_entry(t, src, out);
  }
  if (count > kRecursiveCutoff) print_repeated(count, out);
}

// -- "Did you mean" suggestions -----------------------------------------------------------------------
size_t substitution_cost(char a, char b) {
  if ((a & 31) != (b & 31)) return kMoveCost;
  if (a == b) return 0;
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? char(c + ('a' - 'A')) : c; };
  return lower(a) == lower(b) ? kCaseCost : kMoveCost;
}

// Edit distance with case-flip substitutions cheaper than other edits; anything above `max_cost`
// is reported as max_cost + 1.
size_t edit_distance(std::string_view a, std::string_view b, size_t max_cost) {
  while (!a.empty() && !b.empty() && a.front() == b.front()) {
    a.remove_prefix(1);
    b.remove_prefix(1);
  }
  while (!a.empty() && !b.empty() && a.back() == b.back()) {
    a.remove_suffix(1);
    b.remove_suffix(1);
  }
  if (a.empty() || b.empty()) return (a.size() + b.size()) * kMoveCost;
  if (a.size() > kMaxNameBytes || b.size() > kMaxNameBytes) return max_cost + 1;
  if (b.size() < a.size()) std::swap(a, b);  // a is the shorter: one row of a.size() cells
  if ((b.size() - a.size()) * kMoveCost > max_cost) return max_cost + 1;
  size_t row[kMaxNameBytes];
  for (size_t i = 0; i < a.size(); i++) row[i] = (i + 1) * kMoveCost;
  size_t result = 0;
  for (size_t j = 0; j < b.size(); j++) {
    size_t diag = j * kMoveCost;  // cost(b[:j], a[:0])
    result = diag;
    size_t row_min = SIZE_MAX;
    for (size_t i = 0; i < a.size(); i++) {
      size_t subst = diag + substitution_cost(b[j], a[i]);
      diag = row[i];
      size_t indel = std::min(result, diag) + kMoveCost;
      result = std::min(indel, subst);
      row[i] = result;
      row_min = std::min(row_min, result);
    }
    if (row_min > max_cost) return max_cost + 1;
  }
  return result;
}

// The closest candidate to `name` among `candidates` (str values; anything else aborts), or "".
std::string best_suggestion(const std::vector<Value>& candidates, std::string_view name) {
  if (candidates.size() >= kMaxCandidates) return "";
  std::string best;
  bool found = false;
  int64_t best_dist = INT64_MAX;
  for (Value c : candidates) {
    if (!is_str(c)) return "";
    std::string_view item = as_str(c)->view();
    if (item == name) continue;
    // At most about a third of the characters involved may change, and it must beat the best.
    int64_t max_dist = int64_t((name.size() + item.size() + 3) * kMoveCost / 6);
    max_dist = std::min(max_dist, best_dist - 1);
    if (max_dist < 0) continue;
    size_t d = edit_distance(name, item, size_t(max_dist));
    if (d > size_t(max_dist)) continue;
    if (!found || int64_t(d) < best_dist) {
      best = std::string(item);
      best_dist = int64_t(d);
      found = true;
    }
  }
  return best;
}

std::vector<Value> dict_keys(DictObject* d) {
  std::vector<Value> keys;
  for (uint64_t i = 0; i < d->nentries; i++)
    if (!d->entries[i].key.is_null() && !d->entries[i].value.is_null()) keys.push_back(d->entries[i].key);
  return keys;
}

// The globals of the module whose code object is `code` (by file name), or nullptr.
DictObject* module_globals_for(CodeObject* code) {
  std::string_view file = code->filename->view();
  std::error_code ec;
  std::filesystem::path canon = std::filesystem::weakly_canonical(std::string(file), ec);
  for (uint64_t i = 0; i < g_sys_modules->nentries; i++) {
    const DictEntry& e = g_sys_modules->entries[i];
    if (e.key.is_null() || e.value.is_null() || !isinstance_exact(e.value, types::module)) continue;
    DictObject* d = e.value.as<ModuleObject>()->dict;
    if (!d) continue;
    Value f = dict_get_str(d, str_intern("__file__"));
    if (f.is_null() || !is_str(f)) continue;
    std::string_view mf = as_str(f)->view();
    if (mf == file) return d;
    if (!ec) {
      std::error_code ec2;
      auto mc = std::filesystem::weakly_canonical(std::string(mf), ec2);
      if (!ec2 && mc == canon) return d;
    }
  }
  return nullptr;
}

std::string name_error_suggestion(Value e) {
  auto* eo = e.as<ExceptionObject>();
  // The VM's NameError carries the name; older raise sites only have it in the message.
  std::string name;
  Value nv = getattr_opt(e, str_intern("name"));
  if (nv.is_exc()) exc_fetch();
  if (!nv.is_null() && !nv.is_exc() && isinstance_exact(nv, types::str)) {
    name = std::string(as_str(nv)->view());
  } else if (eo->args && eo->args->size == 1 && isinstance_exact(eo->args->items[0], types::str)) {
    std::string_view msg = as_str(eo->args->items[0])->view();
    constexpr std::string_view pre = "name '", post = "' is not defined";
    if (msg.size() > pre.size() + post.size() && msg.substr(0, pre.size()) == pre &&
        msg.substr(msg.size() - post.size()) == post)
      name = std::string(msg.substr(pre.size(), msg.size() - pre.size() - post.size()));
  }
  if (name.empty() || !eo->traceback.is_obj()) return "";
  TracebackObject* last = nullptr;
  for (Value v = eo->traceback; v.is_obj() && isinstance_exact(v, types::traceback); v = v.as<TracebackObject>()->next)
    last = v.as<TracebackObject>();
  if (!last) return "";
  CodeObject* code = last->code;
  // The frame's local variable names (arguments and plain locals, as co_varnames), then its
  // globals, then the builtins.
  std::vector<Value> varnames;
  for (uint32_t i = 0; i < code->nlocalsplus; i++)
    if (code->localsplus_kinds[i] & kLocal) varnames.push_back(obj(code->localsplus_names[i]));
  std::string s = best_suggestion(varnames, name);
  if (!s.empty()) return s;
  if (DictObject* g = module_globals_for(code)) {
    s = best_suggestion(dict_keys(g), name);
    if (!s.empty()) return s;
  }
  return best_suggestion(dict_keys(g_builtins), name);
}

std::string dir_suggestion(Value target, std::string_view name) {
  Value dir = dict_get_str(g_builtins, str_intern("dir"));
  if (dir.is_null()) return "";
  Value names = call1(dir, target);
  if (names.is_exc()) {
    exc_fetch();
    return "";
  }
  if (!is_list(names)) return "";
  auto* l = names.as<ListObject>();
  std::vector<Value> items(l->items, l->items + l->size);
  return best_suggestion(items, name);
}

std::string attribute_error_suggestion(Value e) {
  Value name = getattr_opt(e, str_intern("name"));
  if (name.is_exc()) exc_fetch();
  if (name.is_null() || name.is_exc() || !isinstance_exact(name, types::str)) return "";
  Value target = instance_get_slot(e.as<InstanceObject>(), str_intern("obj"));
  if (target.is_null()) return "";
  return dir_suggestion(target, as_str(name)->view());
}

// The "Did you mean" candidate for exactly NameError / AttributeError (3.11 offers none for
// subclasses nor for ImportError).
std::string suggestion_for(Value e) {
  TypeObject* t = type_of(e);
  std::string s;
  if (t == exc::AttributeError)
    s = attribute_error_suggestion(e);
  else if (t == exc::NameError)
    s = name_error_suggestion(e);
  if (exc_pending()) exc_fetch();
  return s;
}

// -- The exception line -------------------------------------------------------------------------------
std::string exception_type_label(Value e) {
  TypeObject* t = type_of(e);
  std::string name(t->qualname ? t->qualname->view() : t->name->view());
  if (t->module) {
    std::string_view m = t->module->view();
    if (m != "__main__" && m != "builtins") name = std::string(m) + "." + name;
  }
  return name;
}

// str(v) for printing; nullopt when str() raised.
std::optional<std::string> printable_str(Value v) {
  Value s = str_of(v);
  if (s.is_exc()) {
    exc_fetch();
    return std::nullopt;
  }
  return std::string(as_str(s)->view());
}

// SyntaxError's `  File ..., line N` / text / caret lines; false when its attributes do not
// describe a location (then it prints like any other exception).
bool syntax_error_location(Value e, std::string& out, Value* message) {
  Value marker = getattr_opt(e, str_intern("print_file_and_line"));
  if (marker.is_exc()) exc_fetch();
  if (marker.is_null() || marker.is_exc()) return false;
  auto attr = [&](const char* n) {
    Value v = getattr_opt(e, str_intern(n));
    if (v.is_exc()) {
      exc_fetch();
      return Value();
    }
    return v;
  };
  Value msg = attr("msg"), filename = attr("filename"), lineno = attr("lineno"), offset = attr("offset");
  Value text = attr("text");
  if (msg.is_null() || filename.is_null() || lineno.is_null() || offset.is_null() || text.is_null()) return false;
  SyntaxErrorInfo info;
  TypeObject* t = type_of(e);
  info.type = is_subtype(t, exc::TabError) ? "TabError" : is_subtype(t, exc::IndentationError) ? "IndentationError" : "SyntaxError";
  if (filename.is_none()) {
    info.filename = "<string>";
  } else {
    auto f = printable_str(filename);
    if (!f) return false;
    info.filename = *f;
  }
  int64_t n = 0;
  if (!is_int(lineno) || !int_to_i64(lineno, &n)) return false;
  info.lineno = int(n);
  info.offset = 0;
  if (!offset.is_none()) {
    if (!is_int(offset) || !int_to_i64(offset, &n)) return false;
    info.offset = int(n);
  }
  info.end_lineno = info.lineno;
  info.end_offset = 0;
  if (t == exc::SyntaxError) {
    Value el = attr("end_lineno"), eoff = attr("end_offset");
    if (!el.is_null() && is_int(el) && int_to_i64(el, &n)) info.end_lineno = int(n);
    if (!eoff.is_null() && is_int(eoff) && int_to_i64(eoff, &n)) info.end_offset = int(n);
  }
  *message = msg;
  if (text.is_none() || !is_str(text)) {
    out += fmt::format("  File \"{}\", line {}\n", info.filename, info.lineno);
    return true;
  }
  info.text = std::string(as_str(text)->view());
  info.msg = "";
  std::string s = format_syntax_error(info);
  // Keep the location lines; the caller prints the exception line itself.
  size_t cut = s.size() >= 2 ? s.rfind('\n', s.size() - 2) : std::string::npos;
  out += cut == std::string::npos ? s : s.substr(0, cut + 1);
  return true;
}

void print_notes(Value e, std::string& out) {
  Value notes = getattr_opt(e, str_intern("__notes__"));
  if (notes.is_exc()) exc_fetch();
  if (notes.is_null() || notes.is_exc() || notes.is_none()) return;
  if (!(is_list(notes) || is_tuple(notes))) {
    out += repr_utf8(notes) + "\n";
    return;
  }
  size_t n = is_list(notes) ? notes.as<ListObject>()->size : notes.as<TupleObject>()->size;
  for (size_t i = 0; i < n; i++) {
    Value note = is_list(notes) ? notes.as<ListObject>()->items[i] : notes.as<TupleObject>()->items[i];
    auto s = is_str(note) ? std::optional<std::string>(std::string(as_str(note)->view())) : printable_str(note);
    out += (s ? *s : std::string("<note str() failed>")) + "\n";
  }
}

void print_one(Value e, SourceCache& src, std::string& out) {
  auto* eo = e.as<ExceptionObject>();
  if (eo->traceback.is_obj()) print_traceback(eo->traceback, src, out);
  std::string label = exception_type_label(e);
  Value message = e;
  if (is_subtype(type_of(e), exc::SyntaxError)) syntax_error_location(e, out, &message);
  out += label;
  auto msg = printable_str(message);
  if (!msg)
    out += ": <exception str() failed>";
  else if (!msg->empty())
    out += ": " + *msg;
  std::string hint = suggestion_for(e);
  if (!hint.empty()) out += ". Did you mean: '" + hint + "'?";
  out += "\n";
  print_notes(e, out);
}

void print_chain(Value e, SourceCache& src, std::string& out, std::set<Object*>& seen, int depth) {
  auto* eo = e.as<ExceptionObject>();
  seen.insert(e.as_obj());
  if (depth < 100) {
    if (eo->cause.is_obj()) {
      if (!seen.count(eo->cause.as_obj())) {
        print_chain(eo->cause, src, out, seen, depth + 1);
        out += "\nThe above exception was the direct cause of the following exception:\n\n";
      }
    } else if (eo->context.is_obj() && !eo->suppress_context && !seen.count(eo->context.as_obj())) {
      print_chain(eo->context, src, out, seen, depth + 1);
      out += "\nDuring handling of the above exception, another exception occurred:\n\n";
    }
  }
  print_one(e, src, out);
}

void flush_stdout() {
  Value out = sys_attr("stdout");
  if (out.is_null() || out.is_none()) return;
  Value r = call_method(out, str_intern("flush"), nullptr, 0);
  if (r.is_exc()) exc_fetch();
}
}  // namespace

void print_exception(Value e) {
  flush_stdout();
  std::string out;
  SourceCache src;
  std::set<Object*> seen;
  print_chain(e, src, out, seen, 0);
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
