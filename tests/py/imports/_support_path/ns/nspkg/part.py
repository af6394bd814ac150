PART = "namespace part"
