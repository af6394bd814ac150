# Malformed \N escape (no braces).
x = 'ab\Nx'
