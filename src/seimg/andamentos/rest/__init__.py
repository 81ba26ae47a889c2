"""REST endpoints of the andamentos (history) of a processo."""
