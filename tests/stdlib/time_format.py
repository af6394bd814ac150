# time: struct_time, gmtime / localtime / mktime, asctime / ctime, strftime with a fixed timestamp,
# the timezone attributes after TZ is set and tzset(), clock functions' types and errors.
import posix
import time

posix.putenv("TZ", "UTC")
time.tzset()
print(time.timezone, time.altzone, time.daylight, time.tzname)
t = time.gmtime(1700000000)
print(t)
print(t.tm_year, t[1], t[-1], t.tm_zone, t.tm_gmtoff, len(t), t[:3], type(t).__name__, type(t).n_fields)
print(time.localtime(1700000000.75) == t, time.mktime(t), time.mktime(time.localtime(86400.0)))
print(time.asctime(t), time.ctime(1700000000), time.asctime((2000, 2, 29, 1, 2, 3, 1, 60, 0)))
print(time.strftime("%Y-%m-%d %H:%M:%S %a %A %b %B %j %U %w %y %Z %% %p %I", t))
print(time.strftime("%d/%m/%Y", (2021, 12, 25, 0, 0, 0, 0, 1, -1)))
print(time.gmtime(0), time.gmtime(-86400)[:3])
print(time.struct_time((2000, 1, 2, 3, 4, 5, 6, 7, 0)))
for bad in [(1, 2), (2020, 13, 1, 0, 0, 0, 0, 1, 0), (2020, 1, 1, 25, 0, 0, 0, 1, 0), "x"]:
    try:
        time.strftime("%Y", bad)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
for bad in [float("nan"), "x", 1e300]:
    try:
        time.gmtime(bad)
    except (TypeError, ValueError, OverflowError) as e:
        print(type(e).__name__, e)
posix.putenv("TZ", "EST+05EDT,M3.2.0,M11.1.0")
time.tzset()
print(time.timezone, time.altzone, time.daylight, time.tzname)
lt = time.localtime(1700000000)
print(lt, lt.tm_zone, lt.tm_gmtoff, time.mktime(lt))
print(time.localtime(1690000000).tm_isdst, time.strftime("%H:%M %Z", time.localtime(1690000000)))
posix.putenv("TZ", "UTC")
time.tzset()
for name in ["time", "monotonic", "perf_counter", "process_time", "thread_time"]:
    info = time.get_clock_info(name)
    print(name, info.monotonic, info.adjustable, info.resolution > 0)
print(type(time.time()), type(time.time_ns()), type(time.monotonic_ns()), time.perf_counter() > 0)
print(type(time.clock_gettime(time.CLOCK_MONOTONIC)), time.clock_getres(time.CLOCK_REALTIME) > 0)
time.sleep(0.001)
try:
    time.get_clock_info("nope")
except ValueError as e:
    print(e)
