"""Plain-Python rules of the programme: money, quantities, identities, periods, categories."""
