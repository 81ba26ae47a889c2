"""REST endpoints of the organisation: units, the acting unit, users, adesão."""
