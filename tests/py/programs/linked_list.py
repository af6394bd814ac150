class LinkedList:
    class _Node:
        def __init__(self, v, nxt=None):
            self.v, self.next = v, nxt
    def __init__(self, items=()):
        self.head = None
        self.n = 0
        for x in reversed(list(items)):
            self.push_front(x)
    def push_front(self, v):
        self.head = LinkedList._Node(v, self.head)
        self.n += 1
    def append(self, v):
        node = LinkedList._Node(v)
        if not self.head:
            self.head = node
        else:
            cur = self.head
            while cur.next:
                cur = cur.next
            cur.next = node
        self.n += 1
    def reverse(self):
        prev, cur = None, self.head
        while cur:
            cur.next, prev, cur = prev, cur, cur.next
        self.head = prev
    def remove(self, v):
        prev, cur = None, self.head
        while cur:
            if cur.v == v:
                if prev:
                    prev.next = cur.next
                else:
                    self.head = cur.next
                self.n -= 1
                return True
            prev, cur = cur, cur.next
        return False
    def __iter__(self):
        return LLIter(self.head)
    def __len__(self):
        return self.n
    def __repr__(self):
        return 'LinkedList([' + ', '.join([repr(v) for v in self]) + '])'
class LLIter:
    def __init__(self, node):
        self.node = node
    def __iter__(self):
        return self
    def __next__(self):
        if self.node is None:
            raise StopIteration
        v = self.node.v
        self.node = self.node.next
        return v
ll = LinkedList([3, 1, 4])
ll.append(1); ll.append(5); ll.push_front(9)
print(ll, len(ll))
ll.reverse()
print(ll, list(ll), sum(ll), max(ll), 4 in ll)
print(ll.remove(1), ll.remove(42), ll)
print(LinkedList(), LinkedList('ab'), sorted(LinkedList([5, 2, 8])))
