// tests/fuzz/mutate_code.cpp — a structure-aware fuzzer for cached bytecode (issue 14).
//
// Byte-level fuzzing of .pyc files (fuzz_pyc) mostly exercises the marshal reader: nearly every
// random byte flip breaks the checksum or the framing. This driver mutates *code objects*: it
// compiles the small programs (under --max-bytes, 4096) of a corpus directory — each must
// pass the validator unmutated — then per case applies one to three
// structural mutations to a code unit or one of its nested code constants — an operand moved
// within or just past its table, an opcode swapped for another with the same stack effect, a
// constant of another kind, an exception-table entry shifted, a slot's cell/free kind flipped,
// two instructions swapped, the stack size changed — seals it with a valid checksum, and loads
// it the way the importer does (marshal_load + the validator). A rejected unit is fine; an
// accepted one runs in a forked child (stdio on /dev/null, a 2 s alarm, a 1 GiB address-space
// limit, applied to the whole run before the runtime starts so its reservations fit) which must
// end by returning or raising, never by a signal other than the alarm. A child that cannot start
// the interpreter ends the whole run with status 2: a harness that runs nothing must not pass.
//
//   mutate_code CORPUS_DIR [--iterations N] [--seed S] [--keep DIR] [--max-bytes B] [--jit SPEC]
//   mutate_code --replay DIR/crash-SEED-ITER.bin [--jit SPEC]  # disassemble, run in-process
//   mutate_code CORPUS_DIR --source [...]                 # mutate source text (crash-*.py kept)
//
// --source mutates the programs' text instead (source -> bytecode -> run): lines duplicated,
// dropped, swapped or re-indented, integer literals replaced by hostile sizes, identifiers
// exchanged, expressions nested deeply, stray bytes inserted. What compiles must pass the
// validator (the compiler never emits code its own loader rejects) and runs in a child as above;
// what does not compile must be a SyntaxError (never a crash of the compiler).
//
// Without --jit the children run the interpreter only; `--jit threshold=1,hotexit=1` (chaipy's
// --jit syntax) installs the JIT, so mutated code that the validator accepts is also recorded,
// compiled and run as machine code.
//
// Exit status 1 if any child crashed; each crash is reported with its seed and iteration and,
// with --keep, written as a marshal body (DIR/crash-SEED-ITER.bin) that --replay runs.
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "frontend/compile.h"
#include "interp/gc.h"
#include "interp/limits.h"
#include "interp/opcodes.h"
#include "interp/runtime.h"
#include "interp/vm.h"
#include "jit/jit.h"
#include "pycache/marshal.h"

using namespace chaipy;
namespace fs = std::filesystem;

namespace {

std::mt19937_64 rng;

size_t pick(size_t n) { return n ? size_t(rng() % n) : 0; }

// Every code unit of a tree (the unit itself, then nested code constants), for choosing where
// to mutate. Units are copied on the way down so a mutation never touches the originals; `owned`
// keeps the copies alive when a mutation replaces the constant that held one.
struct Tree {
  std::vector<CodeUnit*> units;
  std::vector<std::shared_ptr<CodeUnit>> owned;
};

void collect(CodeUnit* c, Tree* t) {
  t->units.push_back(c);
  for (Const& k : c->consts) {
    if (k.kind == Const::Kind::Code && k.code) {
      auto copy = std::make_shared<CodeUnit>(*k.code);
      k.code = copy;
      t->owned.push_back(copy);
      collect(copy.get(), t);
    }
  }
}

std::vector<size_t> real_instructions(const CodeUnit& c) {
  std::vector<size_t> v;
  for (size_t i = 0; i < c.code.size(); i++)
    if (insn_op(c.code[i]) != Op::CACHE) v.push_back(i);
  return v;
}

// An operand near the interesting edges: its table's size, one past it, small values, huge.
uint32_t nearby_operand(uint32_t arg, size_t table) {
  switch (pick(6)) {
    case 0: return arg + 1;
    case 1: return arg ? arg - 1 : 0;
    case 2: return uint32_t(table);
    case 3: return uint32_t(table ? table - 1 : 0);
    case 4: return uint32_t(pick(8));
    default: return uint32_t(pick(kMaxArg + 1));
  }
}

size_t table_for(const CodeUnit& c, Op op) {
  switch (kOpInfo[int(op)].arg) {
    case OpArg::C: return c.consts.size();
    case OpArg::N: return c.names.size();
    case OpArg::L: case OpArg::F: return size_t(c.nlocalsplus());
    case OpArg::J: return c.code.size();
    default: return 8;
  }
}

Const other_const(const CodeUnit& c) {
  switch (pick(6)) {
    case 0: return Const::integer(int64_t(pick(5)) - 1);
    case 1: return Const::none();
    case 2: return Const::str("x");
    case 3: { Const t; t.kind = Const::Kind::Tuple; t.items = {Const::integer(1), Const::str("a")}; return t; }
    case 4: return Const::real(0.5);
    default: return c.consts.empty() ? Const::none() : c.consts[pick(c.consts.size())];
  }
}

// One structural mutation of `c`; false when it found nothing to change.
bool mutate(CodeUnit& c) {
  std::vector<size_t> at = real_instructions(c);
  if (at.empty()) return false;
  switch (pick(9)) {
    case 0: case 1: {  // an operand moved within or just past its table
      size_t i = at[pick(at.size())];
      Op op = insn_op(c.code[i]);
      c.code[i] = make_insn(op, nearby_operand(insn_arg(c.code[i]), table_for(c, op)) & kMaxArg);
      return true;
    }
    case 2: case 3: {  // an opcode swapped for one with the same stack effect and shape
      size_t i = at[pick(at.size())];
      Op op = insn_op(c.code[i]);
      uint32_t arg = insn_arg(c.code[i]);
      std::vector<Op> same;
      for (int k = 0; k < int(Op::kCount); k++) {
        Op o = Op(k);
        if (o == op || o == Op::CACHE || op_has_cache(o) != op_has_cache(op) || op_is_jump(o) != op_is_jump(op)) continue;
        if ((kOpInfo[k].flags & OPF_NOFALL) != (kOpInfo[int(op)].flags & OPF_NOFALL)) continue;
        if (op_stack_effect(o, arg, false) == op_stack_effect(op, arg, false)) same.push_back(o);
      }
      if (same.empty()) return false;
      c.code[i] = make_insn(same[pick(same.size())], arg);
      return true;
    }
    case 4: {  // a constant of another kind
      if (c.consts.empty()) return false;
      c.consts[pick(c.consts.size())] = other_const(c);
      return true;
    }
    case 5: {  // an exception-table entry shifted
      if (c.exceptions.empty()) return false;
      ExceptionEntry& e = c.exceptions[pick(c.exceptions.size())];
      uint32_t* field[] = {&e.start, &e.end, &e.target, &e.depth};
      uint32_t* f = field[pick(4)];
      *f = pick(2) ? *f + 1 : (*f ? *f - 1 : 0);
      if (pick(4) == 0) e.lasti = !e.lasti;
      return true;
    }
    case 6: {  // a slot's cell/free kind flipped
      if (c.localsplus_kinds.empty()) return false;
      c.localsplus_kinds[pick(c.localsplus_kinds.size())] ^= uint8_t(1u << pick(4));
      return true;
    }
    case 7: {  // two instructions swapped
      size_t i = at[pick(at.size())], j = at[pick(at.size())];
      std::swap(c.code[i], c.code[j]);
      return i != j;
    }
    default: {  // the stack size changed
      c.stacksize = pick(2) ? c.stacksize + 1 : (c.stacksize ? c.stacksize - 1 : 0);
      return true;
    }
  }
}

// -- Source mutations (--source) ---------------------------------------------------------------

std::vector<std::string> split_lines(const std::string& s) {
  std::vector<std::string> lines;
  size_t at = 0;
  while (at < s.size()) {
    size_t nl = s.find('\n', at);
    if (nl == std::string::npos) nl = s.size() - 1;
    lines.push_back(s.substr(at, nl - at + 1));
    at = nl + 1;
  }
  return lines;
}

// [begin, end) of every run of `pred` characters in s that starts a token (not inside a name).
template <typename Pred, typename Start>
std::vector<std::pair<size_t, size_t>> spans(const std::string& s, Start starts, Pred pred) {
  std::vector<std::pair<size_t, size_t>> v;
  for (size_t i = 0; i < s.size(); i++) {
    if (!starts(s[i]) || (i > 0 && (std::isalnum(uint8_t(s[i - 1])) || s[i - 1] == '_'))) continue;
    size_t j = i;
    while (j < s.size() && pred(s[j])) j++;
    v.emplace_back(i, j);
    i = j;
  }
  return v;
}

std::string hostile_number() {
  static const char* const kNumbers[] = {"0", "-1", "2**63", "-2**63 - 1", "10**12", "2**31", "1e308",
                                         "float('nan')", "0x7fffffffffffffff", "-0.0"};
  if (pick(8) == 0) return std::string(4200 + pick(200), '7');  // near the int digit limit
  return kNumbers[pick(std::size(kNumbers))];
}

// One text-level mutation of a program's source.
std::string mutate_source(const std::string& src) {
  std::vector<std::string> lines = split_lines(src);
  if (lines.empty()) return src;
  size_t i = pick(lines.size()), j = pick(lines.size());
  auto joined = [&] {
    std::string out;
    for (const std::string& l : lines) out += l;
    return out;
  };
  switch (pick(8)) {
    case 0: lines.insert(lines.begin() + long(i), lines[i]); return joined();  // a line twice
    case 1: lines.erase(lines.begin() + long(i)); return joined();              // a line dropped
    case 2: std::swap(lines[i], lines[j]); return joined();                     // two lines swapped
    case 3: lines[i] = std::string(pick(2) ? "    " : "\t") + lines[i]; return joined();  // re-indented
    case 4: {  // an integer literal replaced by a hostile one
      auto nums = spans(src, [](char c) { return std::isdigit(uint8_t(c)) != 0; },
                        [](char c) { return std::isalnum(uint8_t(c)) || c == '_' || c == '.'; });
      if (nums.empty()) return src;
      auto [b, e] = nums[pick(nums.size())];
      return src.substr(0, b) + "(" + hostile_number() + ")" + src.substr(e);
    }
    case 5: {  // an identifier replaced by another one of the same program
      auto is_start = [](char c) { return std::isalpha(uint8_t(c)) || c == '_'; };
      auto names = spans(src, is_start, [](char c) { return std::isalnum(uint8_t(c)) || c == '_'; });
      if (names.size() < 2) return src;
      auto [b, e] = names[pick(names.size())];
      auto [b2, e2] = names[pick(names.size())];
      return src.substr(0, b) + src.substr(b2, e2 - b2) + src.substr(e);
    }
    case 6: {  // an expression nested deeply: parentheses, unary minus, or a long chain
      auto nums = spans(src, [](char c) { return std::isdigit(uint8_t(c)) != 0; },
                        [](char c) { return std::isalnum(uint8_t(c)) || c == '_' || c == '.'; });
      if (nums.empty()) return src;
      auto [b, e] = nums[pick(nums.size())];
      size_t depth = pick(2) ? 1 + pick(300) : 1 + pick(5000);
      std::string lit = src.substr(b, e - b), nested;
      switch (pick(3)) {
        case 0: nested = std::string(depth, '(') + lit + std::string(depth, ')'); break;
        case 1: nested = "(" + std::string(depth, '-') + lit + ")"; break;
        default:
          nested = "(" + lit;
          for (size_t k = 0; k < depth; k++) nested += "+" + lit;
          nested += ")";
      }
      return src.substr(0, b) + nested + src.substr(e);
    }
    default: {  // a stray byte
      static const char kBytes[] = {'\0', '\\', '\x80', '\xff', '(', ':', '"', '\'', '\t', '\r', '\f'};
      size_t at = pick(src.size() + 1);
      return src.substr(0, at) + kBytes[pick(sizeof kBytes)] + src.substr(at);
    }
  }
}

// Runs a unit the way chaipy's main does: on a thread with a 512 MiB stack whose base the
// collector scans from (deep recursion and conservative roots behave as in chaipy itself). A
// null unit means: compile `source` first, on that thread too (the compiler recurses). Returns
// how it ended, as the child's exit status.
enum ChildStatus { kRan = 0, kInvalid = 3, kSyntaxError = 4, kNoThread = 125 };

ChildStatus run_on_interpreter_stack(std::shared_ptr<const CodeUnit> unit, const std::string& source = "",
                                     const std::string& name = "") {
  struct Job {
    std::shared_ptr<const CodeUnit> unit;
    const std::string& source;
    const std::string& name;
    ChildStatus status = kRan;
    bool raised = false;
  } job{std::move(unit), source, name};
  auto body = [](void* p) -> void* {
    auto* j = static_cast<Job*>(p);
    int stack_marker;
    gc::set_stack_base(&stack_marker);
    if (!j->unit) {
      CompileResult r = compile_source(j->source, j->name);
      if (!r.code) {
        j->status = kSyntaxError;
        return nullptr;
      }
      // The compiler's output always passes its own loader's validator.
      std::string why = pyc::validate_code_tree(*r.code);
      if (!why.empty()) {
        std::fprintf(stderr, "mutate_code: the validator rejects compiled code: %s\n", why.c_str());
        j->status = kInvalid;
        return nullptr;
      }
      j->unit = r.code;
    }
    DictObject* globals = dict_new();
    dict_set_str(globals, str_intern("__name__"), str_value("__main__"));
    j->raised = vm_run_module(code_from_unit(j->unit), globals).is_exc();
    return nullptr;
  };
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, reservation_bytes(size_t(512) << 20, 8));  // as main.cpp, within RLIMIT_AS
  pthread_t th;
  if (pthread_create(&th, &attr, body, &job) != 0) {
    std::perror("pthread_create");
    return kNoThread;
  }
  pthread_join(th, nullptr);
  std::printf("\nmutate_code: %s\n", job.status == kSyntaxError ? "a SyntaxError"
                                     : job.status == kInvalid     ? "the validator rejected the compiled code"
                                     : job.raised                 ? "the program raised"
                                                                  : "the program returned");
  return job.status;
}

enum class Outcome { kRejected, kReturned, kTimeout, kCrashed, kInvalid };

// Runs an accepted unit (or compiles and runs `source`) in a child process; what ended it.
Outcome run_in_child(std::shared_ptr<const CodeUnit> unit, const std::string& source, const std::string& name,
                     int* signo) {
  std::fflush(nullptr);
  pid_t pid = fork();
  if (pid < 0) { std::perror("fork"); std::exit(2); }
  if (pid == 0) {
    int null = open("/dev/null", O_RDWR);
    dup2(null, 0);
    dup2(null, 1);
    dup2(null, 2);
    alarm(2);
    _exit(run_on_interpreter_stack(std::move(unit), source, name));
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) { std::perror("waitpid"); std::exit(2); }
  }
  if (WIFSIGNALED(status)) {
    *signo = WTERMSIG(status);
    return *signo == SIGALRM ? Outcome::kTimeout : Outcome::kCrashed;
  }
  int code = WEXITSTATUS(status);
  if (code == kNoThread) {  // nothing ran: the harness itself is broken, not the case
    std::fprintf(stderr, "mutate_code: the child could not start the interpreter thread\n");
    std::exit(2);
  }
  return code == kSyntaxError ? Outcome::kRejected : code == kInvalid ? Outcome::kInvalid : Outcome::kReturned;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: mutate_code CORPUS_DIR [--iterations N] [--seed S] [--keep DIR] [--max-bytes B] "
                         "[--jit SPEC] [--source]\n");
    return 2;
  }
  std::string jit_spec;
  for (int i = 2; i + 1 < argc; i++)
    if (std::string(argv[i]) == "--jit") jit_spec = argv[i + 1];
  auto start_runtime = [&] {
    runtime_init(0, nullptr);
    vm_init();
    if (jit_spec.empty()) return;
    std::string error;
    if (!jit::configure(jit_spec, &error)) {
      std::fprintf(stderr, "mutate_code: %s\n", error.c_str());
      std::exit(2);
    }
    jit::install();
  };
  if (std::string(argv[1]) == "--replay" && (argc == 3 || argc == 5)) {  // one kept case, in this process (for gdb)
    std::ifstream in(argv[2], std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    pyc::MarshalResult loaded;
    if (fs::path(argv[2]).extension() == ".py") {  // a kept --source case
      CompileResult r = compile_source(ss.str(), argv[2]);
      if (!r.code) { std::fprintf(stderr, "SyntaxError: %s\n", r.error ? r.error->msg.c_str() : "?"); return 0; }
      loaded.code = r.code;
    } else {
      loaded = pyc::marshal_load(ss.str(), argv[2]);
    }
    if (!loaded.code) { std::fprintf(stderr, "rejected: %s\n", loaded.error.c_str()); return 0; }
    std::printf("%s", disassemble(*loaded.code).c_str());
    std::fflush(stdout);
    start_runtime();
    jit::set_stats(!jit_spec.empty());  // what the JIT did with the case, on stderr
    run_on_interpreter_stack(loaded.code);
    jit::finish();
    return 0;
  }
  const fs::path corpus = fs::absolute(argv[1]);
  long iterations = 1000;
  uint64_t seed = 1;
  std::string keep;
  uintmax_t max_bytes = 4096;
  bool source_mode = false;
  for (int i = 2; i < argc; i++) {
    std::string a = argv[i];
    if (a == "--source") {
      source_mode = true;
      continue;
    }
    if (i + 1 >= argc) { std::fprintf(stderr, "mutate_code: %s needs a value\n", a.c_str()); return 2; }
    const char* v = argv[++i];
    if (a == "--iterations") iterations = std::atol(v);
    else if (a == "--seed") seed = std::strtoull(v, nullptr, 10);
    else if (a == "--keep") keep = v;
    else if (a == "--max-bytes") max_bytes = std::strtoull(v, nullptr, 10);
    else if (a != "--jit") { std::fprintf(stderr, "mutate_code: unknown option %s\n", a.c_str()); return 2; }  // --jit: read above
  }

  if (!keep.empty()) keep = fs::absolute(keep).string();
  // The children's 1 GiB of address space, set before the runtime starts so that its
  // reservations (frame stack, JIT arena, the interpreter thread) are sized to it, as chaipy's
  // are under `ulimit -v`.
  struct rlimit as = {1ull << 30, 1ull << 30};
  setrlimit(RLIMIT_AS, &as);
  start_runtime();
  // Hostile programs write files where they run: a scratch directory of their own.
  char scratch[] = "/tmp/chaipy-mutate-XXXXXX";
  if (!mkdtemp(scratch) || chdir(scratch) != 0) { std::perror("mkdtemp"); return 2; }

  // The seed units: small programs that do not read stdin (a child's stdin is /dev/null anyway).
  std::vector<std::pair<std::string, std::shared_ptr<const CodeUnit>>> units;
  std::vector<std::string> texts;  // the sources, for --source
  std::vector<fs::path> files;
  int disagreements = 0;
  for (const auto& e : fs::recursive_directory_iterator(corpus))
    if (e.is_regular_file() && e.path().extension() == ".py" && e.file_size() < max_bytes) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const fs::path& p : files) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    CompileResult r = compile_source(ss.str(), p.string());
    if (r.error || !r.code) continue;
    // The unmutated unit must pass: the validator and the compiler agree on every opcode.
    std::string why = pyc::validate_code_tree(*r.code);
    if (!why.empty()) {
      std::fprintf(stderr, "mutate_code: the validator rejects the compiler's own code for %s: %s\n",
                   p.c_str(), why.c_str());
      disagreements++;
    }
    units.emplace_back(p.string(), r.code);
    texts.push_back(ss.str());
  }
  if (units.empty()) { std::fprintf(stderr, "mutate_code: no programs under %s\n", argv[1]); return 2; }

  long counts[5] = {0, 0, 0, 0, 0};
  int crashes = 0;
  rng.seed(seed);
  for (long it = 0; it < iterations; it++) {
    size_t k = pick(units.size());
    const std::string& name = units[k].first;
    std::string body;  // what --keep writes and --replay runs: a source text or a marshal body
    std::shared_ptr<const CodeUnit> code;
    if (source_mode) {
      body = texts[k];
      for (int n = 1 + int(pick(3)); n > 0; n--) body = mutate_source(body);
    } else {
      CodeUnit root = *units[k].second;
      Tree tree;
      collect(&root, &tree);
      for (int n = 1 + int(pick(3)); n > 0; n--) mutate(*tree.units[pick(tree.units.size())]);
      body = pyc::marshal_dump(root);
      pyc::MarshalResult loaded = pyc::marshal_load(body, name);
      if (!loaded.code) {
        counts[int(Outcome::kRejected)]++;
        continue;
      }
      code = loaded.code;
    }
    int signo = 0;
    Outcome o = run_in_child(code, source_mode ? body : std::string(), name, &signo);
    counts[int(o)]++;
    if (o == Outcome::kCrashed || o == Outcome::kInvalid) {
      crashes++;
      if (o == Outcome::kCrashed)
        std::fprintf(stderr, "mutate_code: CRASH (signal %d: %s) seed %llu iteration %ld, from %s\n", signo,
                     strsignal(signo), (unsigned long long)seed, it, name.c_str());
      else
        std::fprintf(stderr, "mutate_code: the validator rejects compiled code, seed %llu iteration %ld, from %s\n",
                     (unsigned long long)seed, it, name.c_str());
      if (!keep.empty()) {
        std::string out = keep + "/crash-" + std::to_string(seed) + "-" + std::to_string(it) + (source_mode ? ".py" : ".bin");
        std::ofstream(out, std::ios::binary) << body;
        std::fprintf(stderr, "  kept as %s\n", out.c_str());
      }
    }
  }
  fs::remove_all(scratch);
  std::printf("mutate_code: %ld %s cases from %zu programs: %ld rejected by the %s, %ld ran to the end or an "
              "exception, %ld timed out, %d failed (crashed or compiled code the validator rejects)\n",
              iterations, source_mode ? "source" : "code", units.size(), counts[0],
              source_mode ? "compiler (SyntaxError)" : "loader", counts[1], counts[2], crashes);
  return crashes || disagreements ? 1 : 0;
}
