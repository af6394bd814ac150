import sys
def main():
    try:
        sys.exit(2)
    finally:
        print('cleanup in finally')
main()
