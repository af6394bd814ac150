class Card:
    RANKS = '23456789TJQKA'
    def __init__(self, rank, suit):
        self.rank, self.suit = rank, suit
    def __repr__(self):
        return 'Card(%r, %r)' % (self.rank, self.suit)
    def __str__(self):
        return self.rank + self.suit
    def __eq__(self, o):
        return (self.rank, self.suit) == (o.rank, o.suit)
    def __hash__(self):
        return hash((self.rank, len(self.suit)))
    def __lt__(self, o):
        return Card.RANKS.index(self.rank) < Card.RANKS.index(o.rank)
hand = [Card('K', 's'), Card('2', 'h'), Card('A', 'd'), Card('T', 'c'), Card('K', 's')]
print(hand)
print([str(c) for c in sorted(hand)], ' '.join(map(str, hand)))
print(len(set(hand)), Card('A', 'd') in hand, hand.count(Card('K', 's')), hand.index(Card('A', 'd')))
print(f'{hand[0]}', f'{hand[0]!r}', '%s|%r' % (hand[1], hand[1]), str(hand[2]), format(hand[3]))
