db = {}
records = [('alice', 'math', 90), ('bob', 'math', 70), ('alice', 'art', 85), ('carol', 'art', 60), ('bob', 'art', 75)]
for name, subj, score in records:
    if name not in db:
        db[name] = {}
    db[name][subj] = score
print(db)
for name in sorted(db):
    subjects = db[name]
    avg = sum(subjects.values()) / len(subjects)
    print(name, sorted(subjects.items()), round(avg, 2))
by_subj = {}
for name, subj, score in records:
    by_subj.setdefault(subj, []).append(name)
print(by_subj)
