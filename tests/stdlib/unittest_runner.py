# unittest: a TestCase run through a TextTestRunner and through unittest.main(exit=False).
import io, unittest

class T(unittest.TestCase):
    def test_ok(self):
        self.assertEqual(1 + 1, 2)
        self.assertIn(3, [1, 2, 3])
    def test_fail(self):
        self.assertEqual("a", "b")
    def test_raises(self):
        with self.assertRaises(ZeroDivisionError):
            1 / 0
    @unittest.skip("not now")
    def test_skip(self):
        pass

suite = unittest.defaultTestLoader.loadTestsFromTestCase(T)
stream = io.StringIO()
res = unittest.TextTestRunner(stream=stream, verbosity=0).run(suite)
print(res.testsRun, len(res.failures), len(res.errors), len(res.skipped), res.wasSuccessful())
print(res.failures[0][0].id())

class U(unittest.TestCase):
    def test_a(self):
        self.assertTrue(True)
prog = unittest.main(argv=["x", "U"], exit=False, testRunner=unittest.TextTestRunner(stream=io.StringIO()))
print(prog.result.testsRun, prog.result.wasSuccessful())
