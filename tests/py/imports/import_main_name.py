# __name__ is "__main__" for the script; importing the script by name runs it again as a module.
import sys
print("running as", __name__)
if __name__ == "__main__":
    import import_main_name
    print("imported copy:", import_main_name.__name__, import_main_name is sys.modules["__main__"])
    print(sys.modules["__main__"].__name__)
