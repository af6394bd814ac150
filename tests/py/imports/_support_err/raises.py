print("raises: executing")
value = 1
raise ValueError("boom during import")
