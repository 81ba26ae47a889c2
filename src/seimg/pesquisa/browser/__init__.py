"""The Classic UI surfaces of seimg's search: the staff page ``@@pesquisa``
(with its CSV export) and the quick search box in the header."""
