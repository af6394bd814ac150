# Lone surrogates in str (generalised UTF-8): surrogateescape/surrogatepass round trips, ordering,
# hashing, searching and indexing, and str()/bytes()/bytearray() with encodings.
s = b'caf\xe9\xff'.decode('utf-8', 'surrogateescape')
print(ascii(s), len(s), repr(s))
print(ascii('\ud800'.encode('utf-8', 'surrogatepass').decode('utf-8', 'surrogatepass')))
print(sorted(['\ud800', '\ue000', '\uffff', '\U00010000', 'a']) == ['a', '\ud800', '\ue000', '\uffff', '\U00010000'])
print(hash('\udc80') == hash('\udc80'), '\udc80' in 'a\udc80b', 'a\udc80b'.find('\udc80'), 'x\udc80'[1] == '\udc80')
print(str(b'a\xffb', 'utf-8', 'replace'), bytes('h\xe9', 'latin-1'), bytearray('\u20ac', 'cp1252'))
