# havlak: loop recognition on a synthetic control-flow graph (Havlak's algorithm with union-find,
# as in the classic cross-language benchmark; our own rendition): basic blocks and edges as
# objects, a recursive depth-first numbering inside a loop over successors, loop trees.
# quick-arg: 1
import sys

BB_NONHEADER = 1
BB_REDUCIBLE = 2
BB_SELF = 3
BB_IRREDUCIBLE = 4
BB_DEAD = 5
UNVISITED = -1


class BasicBlock:
    def __init__(self, name):
        self.name = name
        self.in_edges = []
        self.out_edges = []

    def add_out_edge(self, to):
        self.out_edges.append(to)

    def add_in_edge(self, frm):
        self.in_edges.append(frm)


class CFG:
    def __init__(self):
        self.blocks = {}
        self.start = None
        self.edges = []

    def create_node(self, name):
        node = self.blocks.get(name)
        if node is None:
            node = BasicBlock(name)
            self.blocks[name] = node
            if len(self.blocks) == 1:
                self.start = node
        return node

    def connect(self, a, b):
        frm = self.create_node(a)
        to = self.create_node(b)
        frm.add_out_edge(to)
        to.add_in_edge(frm)
        self.edges.append((a, b))

    def num_nodes(self):
        return len(self.blocks)


class SimpleLoop:
    def __init__(self, counter):
        self.counter = counter
        self.basic_blocks = []
        self.children = []
        self.parent = None
        self.header = None
        self.is_root = False
        self.is_reducible = True
        self.depth = 0
        self.nesting = 0

    def add_node(self, bb):
        self.basic_blocks.append(bb)

    def add_child(self, loop):
        self.children.append(loop)

    def set_parent(self, parent):
        self.parent = parent
        parent.add_child(self)

    def set_header(self, bb):
        self.basic_blocks.append(bb)
        self.header = bb


class LoopStructureGraph:
    def __init__(self):
        self.loops = []
        self.counter = 0
        self.root = self.create_loop()
        self.root.is_root = True

    def create_loop(self):
        loop = SimpleLoop(self.counter)
        self.counter += 1
        return loop

    def add_loop(self, loop):
        self.loops.append(loop)

    def calculate_nesting(self):
        for loop in self.loops:
            if loop.is_root:
                continue
            if loop.parent is None:
                loop.set_parent(self.root)
        return self.nesting_of(self.root, 0)

    def nesting_of(self, loop, depth):
        loop.depth = depth
        deepest = 0
        for child in loop.children:
            deepest = max(deepest, self.nesting_of(child, depth + 1))
        loop.nesting = deepest + 1 if loop.children else 0
        return loop.nesting


class UnionFindNode:
    def __init__(self):
        self.parent = None
        self.bb = None
        self.loop = None
        self.dfs_number = 0

    def init(self, bb, dfs_number):
        self.parent = self
        self.bb = bb
        self.dfs_number = dfs_number

    def find_set(self):
        path = []
        node = self
        while node is not node.parent:
            if node.parent is not node.parent.parent:
                path.append(node)
            node = node.parent
        for n in path:
            n.parent = node.parent
        return node

    def union(self, other):
        self.parent = other


class LoopFinder:
    def __init__(self, cfg, lsg):
        self.cfg = cfg
        self.lsg = lsg

    def is_ancestor(self, w, v, last):
        return w <= v <= last[w]

    def dfs(self, current, nodes, number, last, n):
        nodes[n].init(current, n)
        number[current.name] = n
        lastid = n
        for target in current.out_edges:
            if number[target.name] == UNVISITED:
                lastid = self.dfs(target, nodes, number, last, lastid + 1)
        last[number[current.name]] = lastid
        return lastid

    def find_loops(self):
        cfg = self.cfg
        if cfg.start is None:
            return 0
        size = cfg.num_nodes()
        non_back = [[] for _ in range(size)]
        back = [[] for _ in range(size)]
        number = {}
        header = [0] * size
        kinds = [0] * size
        last = [0] * size
        nodes = [UnionFindNode() for _ in range(size)]
        for name in cfg.blocks:
            number[name] = UNVISITED
        self.dfs(cfg.start, nodes, number, last, 0)
        for w in range(size):
            header[w] = 0
            kinds[w] = BB_NONHEADER
            node_w = nodes[w].bb
            if node_w is None:
                kinds[w] = BB_DEAD
                continue
            for pred in node_w.in_edges:
                v = number[pred.name]
                if v == UNVISITED:
                    continue
                if self.is_ancestor(w, v, last):
                    back[w].append(v)
                elif v not in non_back[w]:
                    non_back[w].append(v)
        header[0] = 0
        for w in range(size - 1, -1, -1):
            pool = []
            node_w = nodes[w].bb
            if node_w is None:
                continue
            for v in back[w]:
                if v != w:
                    pool.append(nodes[v].find_set())
                else:
                    kinds[w] = BB_SELF
            work = list(pool)
            if pool:
                kinds[w] = BB_REDUCIBLE
            while work:
                x = work.pop()
                for it in non_back[x.dfs_number]:
                    ydash = nodes[it].find_set()
                    if not self.is_ancestor(w, ydash.dfs_number, last):
                        kinds[w] = BB_IRREDUCIBLE
                        if ydash.dfs_number not in non_back[w]:
                            non_back[w].append(ydash.dfs_number)
                    elif ydash.dfs_number != w and ydash not in pool:
                        work.append(ydash)
                        pool.append(ydash)
            if pool or kinds[w] == BB_SELF:
                loop = self.lsg.create_loop()
                loop.set_header(node_w)
                loop.is_reducible = kinds[w] != BB_IRREDUCIBLE
                nodes[w].loop = loop
                for node in pool:
                    header[node.dfs_number] = w
                    node.union(nodes[w])
                    if node.loop is not None:
                        node.loop.set_parent(loop)
                    else:
                        loop.add_node(node.bb)
                self.lsg.add_loop(loop)
        return len(self.lsg.loops)


def build_diamond(cfg, start):
    cfg.connect(start, start + 1)
    cfg.connect(start, start + 2)
    cfg.connect(start + 1, start + 3)
    cfg.connect(start + 2, start + 3)
    return start + 3


def build_straight(cfg, start, n):
    for i in range(n):
        cfg.connect(start + i, start + i + 1)
    return start + n


def build_base_loop(cfg, start):
    header = build_straight(cfg, start, 1)
    diamond1 = build_diamond(cfg, header)
    d11 = build_straight(cfg, diamond1, 1)
    diamond2 = build_diamond(cfg, d11)
    footer = build_straight(cfg, diamond2, 1)
    cfg.connect(diamond2, d11)
    cfg.connect(diamond1, header)
    cfg.connect(footer, start)
    return build_straight(cfg, footer, 1)


def build_graph(trees, width, depth):
    cfg = CFG()
    cfg.create_node(0)
    build_base_loop(cfg, 0)
    cfg.create_node(1)
    cfg.connect(0, 2)
    n = 2
    for t in range(trees):
        cfg.create_node(n + 1)
        cfg.connect(2, n + 1)
        n += 1
        for i in range(width):
            top = n
            n = build_straight(cfg, n, 1)
            for j in range(depth):
                n = build_base_loop(cfg, n)
            bottom = build_straight(cfg, n, 1)
            cfg.connect(n, top)
            n = bottom
        cfg.connect(n, 1)
    return cfg


def main(rounds):
    checksum = 0
    small = CFG()
    small.connect(0, 1)
    for i in range(2000):
        LoopFinder(small, LoopStructureGraph()).find_loops()
    for r in range(rounds):
        cfg = build_graph(4, 6, 3 + r % 2)
        for k in range(8):
            lsg = LoopStructureGraph()
            found = LoopFinder(cfg, lsg).find_loops()
            nest = lsg.calculate_nesting()
            checksum += found * 3 + nest + cfg.num_nodes() + len(cfg.edges)
        print(r, found, nest, cfg.num_nodes())
    print("checksum", checksum)


main(int(sys.argv[1]) if len(sys.argv) > 1 else 80)
