print("drc")
