// pycache/compileall.cpp — py_compile / compileall command lines (CPython 3.11 behaviour).
#include "pycache/compileall.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "frontend/compile.h"

namespace chaipy::pyc {
namespace {

std::string py_quoted(const std::string& s) { return "'" + s + "'"; }

// py_compile's default: timestamp, or checked-hash when SOURCE_DATE_EPOCH is set.
Invalidation default_mode() {
  const char* e = std::getenv("SOURCE_DATE_EPOCH");
  return e && *e ? Invalidation::kCheckedHash : Invalidation::kTimestamp;
}

bool is_regular(const std::string& p) {
  struct stat st;
  return ::stat(p.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

struct Walker {
  int quiet = 0;
  bool force = false, legacy = false;
  Invalidation mode = Invalidation::kTimestamp;
  bool explicit_mode = false;

  // compileall.compile_file
  bool file(const std::string& fullname) {
    if (fullname.size() < 3 || fullname.compare(fullname.size() - 3, 3, ".py") != 0 || !is_regular(fullname))
      return true;
    std::string cfile = legacy ? fullname + "c" : cache_from_source(fullname);
    if (!force) {
      SourceStamp st;
      std::string data;
      if (stat_source(fullname, &st) && read_whole_file(cfile, &data) && data.size() >= 12) {
        Header h;
        h.mtime = uint32_t(uint64_t(st.mtime) & 0xFFFFFFFFu);
        std::string expect = encode_header(h).substr(0, 12);
        if (data.compare(0, 12, expect) == 0) return true;
      }
    }
    if (!quiet) std::cout << "Compiling " << py_quoted(fullname) << "...\n";
    std::string err;
    if (!compile_file(fullname, cfile, explicit_mode ? mode : default_mode(), &err)) {
      if (quiet >= 2) return false;
      if (quiet) std::cout << "*** Error compiling " << py_quoted(fullname) << "...\n";
      else std::cout << "*** ";
      std::cout << err << "\n";  // print(err.msg): the message already ends with a newline
      return false;
    }
    return true;
  }

  // compileall.compile_dir
  bool dir(const std::string& d, int maxlevels) {
    if (!quiet) std::cout << "Listing " << py_quoted(d) << "...\n";
    std::vector<std::string> names;
    std::error_code ec;
    for (auto it = std::filesystem::directory_iterator(d, ec); !ec && it != std::filesystem::directory_iterator();
         it.increment(ec))
      names.push_back(it->path().filename().string());
    if (ec) {
      if (quiet < 2) std::cout << "Can't list " << py_quoted(d) << "\n";
      names.clear();
    }
    std::sort(names.begin(), names.end());
    bool ok = true;
    for (const auto& name : names) {
      if (name == "__pycache__") continue;
      std::string full = d + (d.empty() || d.back() == '/' ? "" : "/") + name;
      struct stat st, lst;
      bool isdir = ::stat(full.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
      bool islink = ::lstat(full.c_str(), &lst) == 0 && S_ISLNK(lst.st_mode);
      if (!isdir) {
        ok = file(full) && ok;
      } else if (maxlevels > 0 && !islink) {
        ok = dir(full, maxlevels - 1) && ok;
      }
    }
    return ok;
  }
};

}  // namespace

bool compile_file(const std::string& source_path, const std::string& cfile_in, Invalidation mode, std::string* err) {
  std::string source;
  if (!read_whole_file(source_path, &source)) {
    int e = errno ? errno : ENOENT;
    *err = "[Errno " + std::to_string(e) + "] " + std::strerror(e) + ": " + py_quoted(source_path);
    return false;
  }
  CompileResult cr = compile_source(source, source_path);
  if (cr.error) {
    *err = format_syntax_error(*cr.error);
    return false;
  }
  SourceStamp st;
  stat_source(source_path, &st);
  std::string cfile = cfile_in.empty() ? cache_from_source(source_path) : cfile_in;
  std::string why;
  if (!write_atomic(cfile, build_pyc(*cr.code, mode, source, st), &why)) {
    *err = why + ": " + py_quoted(cfile);
    return false;
  }
  return true;
}

int py_compile_main(const std::vector<std::string>& args) {
  bool quiet = false;
  std::vector<std::string> files;
  for (const auto& a : args) {
    if (a == "-q" || a == "--quiet") quiet = true;
    else files.push_back(a);
  }
  if (files.empty()) {
    std::cerr << "usage: py_compile [-h] [-q] filenames [filenames ...]\n"
                 "py_compile: error: the following arguments are required: filenames\n";
    return 2;
  }
  if (files.size() == 1 && files[0] == "-") {
    files.clear();
    std::string line;
    while (std::getline(std::cin, line)) files.push_back(line);
  }
  for (const auto& f : files) {
    std::string err;
    if (!compile_file(f, "", default_mode(), &err)) {
      if (!quiet) std::cerr << err;
      return 1;
    }
  }
  return 0;
}

int compileall_main(const std::vector<std::string>& args) {
  Walker w;
  int maxlevels = 1 << 20;
  std::vector<std::string> targets;
  for (size_t i = 0; i < args.size(); i++) {
    const std::string& a = args[i];
    if (a == "-q") w.quiet++;
    else if (a == "-qq") w.quiet += 2;
    else if (a == "-f") w.force = true;
    else if (a == "-b") w.legacy = true;
    else if (a == "-l") maxlevels = 0;
    else if (a == "--invalidation-mode" || a.rfind("--invalidation-mode=", 0) == 0) {
      std::string v = a.size() > 19 ? a.substr(20) : (i + 1 < args.size() ? args[++i] : "");
      if (!parse_invalidation(v, &w.mode)) {
        std::cerr << "usage: compileall [-h] [-l] [-r RECURSION] [-f] [-q] [-b] [-d DESTDIR] [-s STRIPDIR]\n"
                     "                  [-p PREPENDDIR] [-x REGEXP] [-i FILE] [-j WORKERS]\n"
                     "                  [--invalidation-mode {checked-hash,timestamp,unchecked-hash}]\n"
                     "                  [FILE|DIR ...]\n"
                     "compileall: error: argument --invalidation-mode: invalid choice: '"
                  << v << "' (choose from 'checked-hash', 'timestamp', 'unchecked-hash')\n";
        return 2;
      }
      w.explicit_mode = true;
    } else {
      targets.push_back(a);
    }
  }
  bool ok = true;
  for (const auto& t : targets) {
    if (is_regular(t)) ok = w.file(t) && ok;
    else ok = w.dir(t, maxlevels) && ok;
  }
  std::cout.flush();
  return ok ? 0 : 1;
}

}  // namespace chaipy::pyc
