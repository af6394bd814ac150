#!/usr/bin/env bash
# tests/pycache_stress.sh — end-to-end checks of the __pycache__ cache under hostile conditions:
# racing processes on a cold cache, unwritable cache directories, clock skew, -B and
# PYTHONDONTWRITEBYTECODE, corrupted / truncated / foreign cache files, deleted __pycache__,
# modified sources, -X pycache_prefix, py_compile / compileall (all invalidation modes),
# sourceless .pyc imports, -m package.module and -m dis on a .pyc.
#
# Usage: pycache_stress.sh /path/to/chaipy          (run by ctest as "pycache_stress")
set -u
CHAIPY=$(realpath "${1:?usage: pycache_stress.sh CHAIPY}")
unset PYTHONDONTWRITEBYTECODE PYTHONPYCACHEPREFIX PYTHONPATH
WORK=$(mktemp -d "${TMPDIR:-/tmp}/chaipy_pycache_stress.XXXXXX")
trap 'chmod -R u+w "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT
FAILS=0
TAG=chaipy-$("$CHAIPY" -c 'import importlib.util; print(importlib.util.cache_from_source("/x.py").split(".")[-2].split("-")[-1])')

fail() { echo "FAIL: $*"; FAILS=$((FAILS + 1)); }
pass() { echo "ok:   $*"; }
check() {  # check NAME EXPECTED ACTUAL
  if [ "$2" == "$3" ]; then pass "$1"; else fail "$1: expected [$2] got [$3]"; fi
}

# A fresh project: a package with a subpackage, relative imports, and a main script.
make_tree() {
  rm -rf "$WORK/proj"
  mkdir -p "$WORK/proj/pkg/sub"
  cat > "$WORK/proj/pkg/__init__.py" <<'EOF'
from .core import total
from .sub import util
EOF
  cat > "$WORK/proj/pkg/core.py" <<'EOF'
def total(n):
    s = 0
    for i in range(n):
        s += i * i
    return s
EOF
  cat > "$WORK/proj/pkg/sub/__init__.py" <<'EOF'
EOF
  cat > "$WORK/proj/pkg/sub/util.py" <<'EOF'
from ..core import total
def describe():
    return "util sees total(10) = %d" % total(10)
EOF
  cat > "$WORK/proj/main.py" <<'EOF'
import pkg
from pkg.sub import util
print(pkg.total(100), util.describe())
EOF
}
EXPECTED="328350 util sees total(10) = 285"

run_main() { (cd "$WORK/proj" && "$CHAIPY" "$@" main.py 2>&1); }
# Number of modules loaded from the cache / compiled in a run (from the importer's debug log).
count_loaded() { (cd "$WORK/proj" && "$CHAIPY" --log-level debug "$@" main.py 2>&1 | grep -c "loaded from"); }
count_compiled() { (cd "$WORK/proj" && "$CHAIPY" --log-level debug "$@" main.py 2>&1 | grep -c "import: compiling"); }
pyc_files() { find "$WORK/proj" -name "*.$TAG.pyc" | sort; }
NMOD=4  # pkg, pkg.core, pkg.sub, pkg.sub.util

# -- 1. Eight processes race on a cold cache --------------------------------------------------------
make_tree
for i in 1 2 3 4 5 6 7 8; do (run_main > "$WORK/race.$i") & done
wait
ok=1
for i in 1 2 3 4 5 6 7 8; do [ "$(cat "$WORK/race.$i")" == "$EXPECTED" ] || { ok=0; echo "  run $i: $(cat "$WORK/race.$i")"; }; done
[ $ok == 1 ] && pass "8 racing processes print the right result" || fail "racing processes"
check "cache complete after the race" "$NMOD" "$(pyc_files | wc -l)"
check "no temp files left" "0" "$(find "$WORK/proj" -name '*.tmp' | wc -l)"
check "warm run loads every module from the cache" "$NMOD" "$(count_loaded)"
check "warm run output" "$EXPECTED" "$(run_main)"

# -- 2. Unwritable cache directory ------------------------------------------------------------------
make_tree
# As root chmod does not stop writes, so make each __pycache__ path a regular file: mkdir fails.
touch "$WORK/proj/pkg/__pycache__" "$WORK/proj/pkg/sub/__pycache__"
check "cache dir is a file: output" "$EXPECTED" "$(run_main)"
check "cache dir is a file: nothing written" "0" "$(pyc_files | wc -l)"
rm -f "$WORK/proj/pkg/__pycache__" "$WORK/proj/pkg/sub/__pycache__"
if [ "$(id -u)" != 0 ]; then
  make_tree
  chmod -R a-w "$WORK/proj"
  check "read-only tree: output" "$EXPECTED" "$(run_main)"
  check "read-only tree: nothing written" "0" "$(pyc_files | wc -l)"
  chmod -R u+w "$WORK/proj"
else
  echo "note: running as root, chmod -R a-w cannot prevent writes; covered by the file-in-the-way case"
fi

# -- 3. -B and PYTHONDONTWRITEBYTECODE write nothing -----------------------------------------------
make_tree
check "-B output" "$EXPECTED" "$(run_main -B)"
check "-B writes nothing" "0" "$(find "$WORK/proj" -name __pycache__ | wc -l)"
check "PYTHONDONTWRITEBYTECODE output" "$EXPECTED" "$(cd "$WORK/proj" && PYTHONDONTWRITEBYTECODE=1 "$CHAIPY" main.py 2>&1)"
check "PYTHONDONTWRITEBYTECODE writes nothing" "0" "$(find "$WORK/proj" -name __pycache__ | wc -l)"
check "sys.dont_write_bytecode under -B" "True" "$("$CHAIPY" -B -c 'import sys; print(sys.dont_write_bytecode)')"

# -- 4. Clock skew: sources dated in the future --------------------------------------------------
make_tree
find "$WORK/proj" -name "*.py" -exec touch -d "@$(( $(date +%s) + 86400 * 365 ))" {} +
check "future mtime: output" "$EXPECTED" "$(run_main)"
check "future mtime: cache written" "$NMOD" "$(pyc_files | wc -l)"
check "future mtime: cache used" "$NMOD" "$(count_loaded)"

# -- 5. Corrupted, truncated and foreign cache files are recompiled and rewritten ----------------
make_tree
run_main > /dev/null
CORE=$(cd "$WORK/proj/pkg/__pycache__" && realpath "core.$TAG.pyc")
UTIL=$(cd "$WORK/proj/pkg/sub/__pycache__" && realpath "util.$TAG.pyc")
INIT=$(cd "$WORK/proj/pkg/__pycache__" && realpath "__init__.$TAG.pyc")
size=$(stat -c %s "$CORE")
truncate -s $((size / 2)) "$CORE"                                   # truncated body
printf 'garbage' | dd of="$UTIL" bs=1 seek=20 conv=notrunc 2>/dev/null  # corrupted body
printf '\x00\x00\r\n' | dd of="$INIT" bs=1 seek=0 conv=notrunc 2>/dev/null  # foreign magic
check "damaged caches: output" "$EXPECTED" "$(run_main)"
check "damaged caches: next run compiles nothing" "0" "$(count_compiled)"
check "damaged caches: rewritten and used" "$NMOD" "$(count_loaded)"
: > "$CORE"                                                         # empty file
check "empty cache file: output" "$EXPECTED" "$(run_main)"
check "empty cache file: rewritten" "$NMOD" "$(count_loaded)"
for seed in 1 2 3 4 5 6 7 8 9 10; do                                 # random byte flips
  python3 - "$CORE" "$seed" <<'EOF' 2>/dev/null || head -c 64 /dev/urandom | dd of="$CORE" bs=1 seek=16 conv=notrunc 2>/dev/null
import random, sys
p, seed = sys.argv[1], int(sys.argv[2])
b = bytearray(open(p, "rb").read())
r = random.Random(seed)
for _ in range(3):
    i = r.randrange(len(b)); b[i] ^= 1 << r.randrange(8)
open(p, "wb").write(b)
EOF
  out=$(run_main)
  [ "$out" == "$EXPECTED" ] || fail "random corruption seed $seed: $out"
done
pass "random cache corruption never changes the output"

# -- 6. Deleted __pycache__ is recreated ------------------------------------------------------------
rm -rf "$WORK/proj/pkg/__pycache__"
check "deleted __pycache__: output" "$EXPECTED" "$(run_main)"
check "deleted __pycache__: recreated" "$NMOD" "$(pyc_files | wc -l)"

# -- 7. Modified source is recompiled ----------------------------------------------------------------
sed -i 's/s += i \* i/s += i * i + 1/' "$WORK/proj/pkg/core.py"
touch -d "@$(( $(date +%s) + 5 ))" "$WORK/proj/pkg/core.py"
log=$(cd "$WORK/proj" && "$CHAIPY" --log-level debug main.py 2>&1)
check "modified source: new result" "328450 util sees total(10) = 295" "$(echo "$log" | grep -v '^\[')"
check "modified source: only it recompiled" "1 $((NMOD - 1))" \
  "$(echo "$log" | grep -c 'import: compiling') $(echo "$log" | grep -c 'loaded from')"

# -- 8. -X pycache_prefix and PYTHONPYCACHEPREFIX ------------------------------------------------
make_tree
check "-X pycache_prefix: output" "$EXPECTED" "$(run_main -X pycache_prefix="$WORK/prefix")"
check "-X pycache_prefix: nothing in the tree" "0" "$(find "$WORK/proj" -name __pycache__ | wc -l)"
check "-X pycache_prefix: files under the prefix" "$NMOD" "$(find "$WORK/prefix" -name "*.pyc" | wc -l)"
check "-X pycache_prefix: mirrors the absolute path" "1" \
  "$(test -f "$WORK/prefix$(realpath "$WORK/proj")/pkg/core.$TAG.pyc" && echo 1)"
check "PYTHONPYCACHEPREFIX: cache used" "$NMOD" \
  "$(cd "$WORK/proj" && PYTHONPYCACHEPREFIX="$WORK/prefix" "$CHAIPY" --log-level debug main.py 2>&1 | grep -c 'loaded from')"
check "sys.pycache_prefix" "$WORK/prefix" \
  "$("$CHAIPY" -X pycache_prefix="$WORK/prefix" -c 'import sys; print(sys.pycache_prefix)')"

# -- 8b. The per-user cache root for the standard library ------------------------------------------
# Sources under the stdlib directory (a system directory: never written into) are cached under
# $XDG_CACHE_HOME/chaipy, mirroring their absolute path; the second import loads bytecode.
mkdir -p "$WORK/lib/json" "$WORK/xdg"
printf 'X = 41\n' > "$WORK/lib/fakestd.py"
printf 'from .sub import Y\n' > "$WORK/lib/json/__init__.py"
printf 'Y = 1\n' > "$WORK/lib/json/sub.py"
stdrun() { (cd "$WORK" && XDG_CACHE_HOME="$WORK/xdg" CHAIPY_STDLIB_DIR="$WORK/lib" "$CHAIPY" "$@"); }
check "cache root: output" "42" "$(stdrun -c 'import fakestd, json; print(fakestd.X + json.Y)')"
check "cache root: nothing written into the stdlib" "0" "$(find "$WORK/lib" -name '*.pyc' | wc -l)"
check "cache root: files under \$XDG_CACHE_HOME/chaipy" "3" "$(find "$WORK/xdg/chaipy" -name "*.$TAG.pyc" | wc -l)"
check "cache root: mirrors the absolute path" "1" \
  "$(test -f "$WORK/xdg/chaipy$(realpath "$WORK/lib")/json/sub.$TAG.pyc" && echo 1)"
check "cache root: second run loads bytecode" "3" \
  "$(stdrun --log-level debug -c 'import fakestd, json' 2>&1 | grep -c 'loaded from')"
check "cache root: __cached__" "$WORK/xdg/chaipy$(realpath "$WORK/lib")/fakestd.$TAG.pyc" \
  "$(stdrun -c 'import fakestd; print(fakestd.__cached__)')"
check "cache root: sys.path ends with the stdlib" "$(realpath "$WORK/lib")" "$(stdrun -c 'import sys; print(sys.path[-1])')"
rm -rf "$WORK/xdg"
check "cache root: -B writes nothing" "0" \
  "$(stdrun -B -c 'import fakestd' && find "$WORK/xdg" -name '*.pyc' 2>/dev/null | wc -l)"
check "cache root: PYTHONDONTWRITEBYTECODE writes nothing" "0" \
  "$(PYTHONDONTWRITEBYTECODE=1 stdrun -c 'import fakestd' && find "$WORK/xdg" -name '*.pyc' 2>/dev/null | wc -l)"
check "cache root: HOME fallback" "1" \
  "$(cd "$WORK" && env -u XDG_CACHE_HOME HOME="$WORK/home" CHAIPY_STDLIB_DIR="$WORK/lib" "$CHAIPY" -c 'import fakestd' && find "$WORK/home/.cache/chaipy" -name "fakestd.$TAG.pyc" | wc -l)"

# -- 9. py_compile / compileall and invalidation modes ------------------------------------------------
make_tree
(cd "$WORK/proj" && "$CHAIPY" -m py_compile pkg/core.py) && pass "py_compile exit status" || fail "py_compile"
check "py_compile wrote the cache" "1" "$(pyc_files | wc -l)"
out=$(cd "$WORK/proj" && "$CHAIPY" -m compileall pkg)
check "compileall listing" "Listing 'pkg'...|Compiling 'pkg/__init__.py'...|Listing 'pkg/sub'...|Compiling 'pkg/sub/__init__.py'...|Compiling 'pkg/sub/util.py'..." \
  "$(echo "$out" | tr '\n' '|' | sed 's/|$//')"
check "compileall: everything cached" "$NMOD" "$(count_loaded)"
check "compileall -q is quiet" "" "$(cd "$WORK/proj" && "$CHAIPY" -m compileall -q -f pkg)"
echo 'def broken(:' > "$WORK/proj/bad.py"
(cd "$WORK/proj" && "$CHAIPY" -m compileall -q bad.py > "$WORK/ca.out"); st=$?
check "compileall on a syntax error: status" "1" "$st"
check "compileall on a syntax error: report" "*** Error compiling 'bad.py'..." "$(head -1 "$WORK/ca.out")"
(cd "$WORK/proj" && "$CHAIPY" -m py_compile bad.py 2> "$WORK/pc.err"); st=$?
check "py_compile on a syntax error: status" "1" "$st"
check "py_compile on a syntax error: message" "SyntaxError: invalid syntax" "$(tail -1 "$WORK/pc.err")"
rm -f "$WORK/proj/bad.py"

make_tree
(cd "$WORK/proj" && "$CHAIPY" -m compileall -q --invalidation-mode checked-hash pkg)
check "checked-hash: cache used" "$NMOD" "$(count_loaded)"
touch -d "@$(( $(date +%s) + 100 ))" "$WORK/proj/pkg/core.py"       # mtime change only
check "checked-hash: mtime change ignored" "$NMOD" "$(count_loaded)"
sed -i 's/s += i \* i/s += i * i * 1/' "$WORK/proj/pkg/core.py"     # content change
check "checked-hash: content change recompiled" "$((NMOD - 1))" "$(count_loaded)"
check "checked-hash: rewritten in hash mode" "$NMOD" "$(count_loaded)"

make_tree
(cd "$WORK/proj" && "$CHAIPY" -m compileall -q --invalidation-mode unchecked-hash pkg)
sed -i 's/s += i \* i/s += i * i + 1/' "$WORK/proj/pkg/core.py"
check "unchecked-hash: stale cache trusted (as CPython)" "$EXPECTED" "$(run_main)"
(cd "$WORK/proj" && "$CHAIPY" -m compileall -q -f --invalidation-mode timestamp pkg)
check "timestamp recompile picks up the change" "328450 util sees total(10) = 295" "$(run_main)"

# -- 10. Sourceless imports (compileall -b) -----------------------------------------------------------
make_tree
(cd "$WORK/proj" && "$CHAIPY" -m compileall -q -b pkg)
find "$WORK/proj/pkg" -name "*.py" -delete
check "sourceless .pyc import" "$EXPECTED" "$(run_main)"
check "sourceless __file__" "core.pyc" "$(cd "$WORK/proj" && "$CHAIPY" -c 'import pkg.core; print(pkg.core.__file__.rsplit("/", 1)[-1])')"

# -- 11. -m package.module, -m package, -m dis FILE.pyc -----------------------------------------------
make_tree
cat > "$WORK/proj/pkg/tool.py" <<'EOF'
import sys
from .core import total
print("tool as", __name__, "package", __package__, "argv", sys.argv[1:], total(4))
EOF
cat > "$WORK/proj/pkg/__main__.py" <<'EOF'
print("pkg main as", __name__)
EOF
check "-m package.module" "tool as __main__ package pkg argv ['x', 'y'] 14" "$(cd "$WORK/proj" && "$CHAIPY" -m pkg.tool x y 2>&1)"
check "-m package runs __main__" "pkg main as __main__" "$(cd "$WORK/proj" && "$CHAIPY" -m pkg 2>&1)"
(cd "$WORK/proj" && "$CHAIPY" -m nosuchmod > /dev/null 2> "$WORK/m.err"); st=$?
check "-m missing module: status" "1" "$st"
# As python3: the message names the interpreter by sys.executable.
check "-m missing module: message" "$("$CHAIPY" -c 'import sys; print(sys.executable)'): No module named nosuchmod" "$(cat "$WORK/m.err")"
(cd "$WORK/proj" && "$CHAIPY" -m py_compile pkg/core.py)
d1=$(cd "$WORK/proj" && "$CHAIPY" -m dis "pkg/__pycache__/core.$TAG.pyc" 2>&1)
d2=$(cd "$WORK/proj" && "$CHAIPY" -m dis pkg/core.py 2>&1)
[ -n "$d1" ] && [ "$d1" == "$d2" ] && pass "-m dis on a .pyc matches the source listing" || fail "-m dis .pyc"

echo
if [ $FAILS -ne 0 ]; then echo "$FAILS check(s) failed"; exit 1; fi
echo "all pycache stress checks passed"
