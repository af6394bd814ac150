# A collection while a trace waits in a recursive call it made (call_trace): the collector
# scans the caller's frame to its sp, which machine code does not keep up to date. Here a side
# trace of the recursive method's function trace creates the `for` loop's range iterator, which
# only the frame's memory holds (above the frame's old sp) while the loop trace calls the method
# recursively; an occasional gc.collect() in the callee collects at that moment.
import gc


class Rm:
    def __init__(self, fan):
        self.fan = fan
        self.count = 0
        self.v = [0, 1, 2, 3, 4, 5, 6]

    def rec(self, n):
        self.count += 1
        if self.count % 97 == 0:
            gc.collect()
        if n != 0:
            n1 = n - 1
            self.rec(n1)
            for i in range(self.fan):
                self.count += self.rec(n1) % 3
        return self.count


rms = [Rm(2), Rm(3)]
for it in range(120):
    r = rms[it % 2]
    r.rec(4)
    rms[0].count += r.count % 5
print("counts", [x.count for x in rms])
