__all__ = ["listed", "also"]
listed = "listed"
also = "also"
unlisted = "unlisted"
_hidden_but_listed = "x"
