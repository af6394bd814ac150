# A non-ASCII character that cannot be part of an identifier.
price = 5 €
