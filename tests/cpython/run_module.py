"""Runs one CPython regression-test module (Lib/test/test_*.py) with unittest and reports.

Usage: run_module.py TESTDIR MODULE [-v]

TESTDIR is the directory that holds CPython's `test` package. Runs under chaipy or python3.
Prints one line per finished test to stdout — `CPYTEST pass|fail|error|skip|xfail|xpass NAME` —
so that a runner can still count what passed if the process dies part-way, then
`CPYTEST-DONE` at the end. Loading errors count as one error named after the module.
"""
import sys

testdir, modname = sys.argv[1], sys.argv[2]
verbose = "-v" in sys.argv[3:]
sys.path.insert(0, testdir)

import unittest  # noqa: E402


def emit(status, test):
    name = test.id() if hasattr(test, "id") else str(test)
    sys.stdout.write("CPYTEST %s %s\n" % (status, name))
    sys.stdout.flush()


class CountingResult(unittest.TestResult):
    def __init__(self):
        super().__init__()
        self.subtest_failed = set()

    def addSuccess(self, test):
        super().addSuccess(test)
        emit("pass", test)

    def addFailure(self, test, err):
        super().addFailure(test, err)
        emit("fail", test)
        if verbose:
            sys.stderr.write(self.failures[-1][1] + "\n")

    def addError(self, test, err):
        super().addError(test, err)
        emit("error", test)
        if verbose:
            sys.stderr.write(self.errors[-1][1] + "\n")

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        emit("skip", test)

    def addExpectedFailure(self, test, err):
        super().addExpectedFailure(test, err)
        emit("xfail", test)

    def addUnexpectedSuccess(self, test):
        super().addUnexpectedSuccess(test)
        emit("xpass", test)

    def addSubTest(self, test, subtest, err):
        # A failing subtest fails its test (reported once); unittest then calls neither
        # addSuccess nor addFailure for the test itself. Passing subtests are not tests.
        super().addSubTest(test, subtest, err)
        if err is not None and test.id() not in self.subtest_failed:
            self.subtest_failed.add(test.id())
            emit("fail", test)
            if verbose:
                sys.stderr.write("subtest failed: %s\n" % (subtest,))


def main():
    try:
        module = __import__("test." + modname, fromlist=["*"])
        suite = unittest.defaultTestLoader.loadTestsFromModule(module)
    except BaseException as e:  # the module does not even load
        sys.stdout.write("CPYTEST error %s.<load>\n" % modname)
        if verbose:
            import traceback
            traceback.print_exc()
        else:
            sys.stderr.write("load failed: %s: %s\n" % (type(e).__name__, e))
        sys.stdout.write("CPYTEST-DONE\n")
        return
    result = CountingResult()
    suite.run(result)
    sys.stdout.write("CPYTEST-DONE\n")
    sys.stdout.flush()


main()
