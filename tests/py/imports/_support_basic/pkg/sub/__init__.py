print("pkg.sub running")
