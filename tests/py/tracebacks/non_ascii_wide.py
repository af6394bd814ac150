# CJK and emoji before and after the failing subscript.
data = {"名前": "値"}
print(data["名前"])
label = "日本語🙂" + data["キー"] + "終わり"
