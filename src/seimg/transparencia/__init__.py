"""The public portal (transparência): search, process and document pages,
open data, per órgão and for the whole installation."""
