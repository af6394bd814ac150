words = ['cold', 'cord', 'card', 'ward', 'warm', 'word', 'worm', 'wore', 'core', 'bore', 'bare', 'barm', 'corm', 'cola', 'colt']
wordset = set(words)
def neighbors(w):
    out = []
    for i in range(len(w)):
        for c in 'abcdefghijklmnopqrstuvwxyz':
            if c != w[i]:
                cand = w[:i] + c + w[i + 1:]
                if cand in wordset:
                    out.append(cand)
    return sorted(out)
def bfs(start, goal):
    prev = {start: None}
    queue = [start]
    while queue:
        cur = queue.pop(0)
        if cur == goal:
            path = []
            while cur:
                path.append(cur)
                cur = prev[cur]
            return path[::-1]
        for n in neighbors(cur):
            if n not in prev:
                prev[n] = cur
                queue.append(n)
    return None
print(bfs('cold', 'warm'))
print(bfs('cold', 'bare'))
print(bfs('cola', 'worm'))
print(bfs('cold', 'zzzz'))
graph = {w: neighbors(w) for w in words}
print(sorted([(w, len(n)) for w, n in graph.items()], key=lambda p: (-p[1], p[0]))[:5])
