# Exception notes are printed after the message line.
e = ValueError("note test")
e.add_note("first note")
e.add_note("second\nnote")
print("raising")
raise e
