command = "go"
match command:
    case other:
        print("anything")
    case "go":
        print("go")
