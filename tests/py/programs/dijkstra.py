edges = [('A', 'B', 7), ('A', 'C', 9), ('A', 'F', 14), ('B', 'C', 10), ('B', 'D', 15), ('C', 'D', 11),
         ('C', 'F', 2), ('D', 'E', 6), ('E', 'F', 9), ('G', 'H', 1)]
graph = {}
for a, b, w in edges:
    graph.setdefault(a, []).append((b, w))
    graph.setdefault(b, []).append((a, w))
def heappush(h, item):
    h.append(item)
    i = len(h) - 1
    while i > 0:
        p = (i - 1) // 2
        if h[p] <= h[i]:
            break
        h[p], h[i] = h[i], h[p]
        i = p
def heappop(h):
    last = h.pop()
    if not h:
        return last
    top, h[0] = h[0], last
    i = 0
    while True:
        l, s = 2 * i + 1, i
        if l < len(h) and h[l] < h[s]:
            s = l
        if l + 1 < len(h) and h[l + 1] < h[s]:
            s = l + 1
        if s == i:
            return top
        h[s], h[i] = h[i], h[s]
        i = s
def dijkstra(src):
    dist = {src: 0}
    prev = {}
    h = [(0, src)]
    while h:
        d, u = heappop(h)
        if d > dist.get(u, float('inf')):
            continue
        for v, w in graph[u]:
            nd = d + w
            if nd < dist.get(v, float('inf')):
                dist[v] = nd
                prev[v] = u
                heappush(h, (nd, v))
    return dist, prev
dist, prev = dijkstra('A')
for node in sorted(graph):
    if node in dist:
        path, n = [], node
        while n != 'A':
            path.append(n)
            n = prev[n]
        print(node, dist[node], '->'.join(['A'] + path[::-1]))
    else:
        print(node, 'unreachable')
