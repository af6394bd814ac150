# More than 15 sub-exceptions: the rest are summarised ("and N more exceptions").
raise ExceptionGroup("wide", [ValueError(i) for i in range(18)])
