"""Queries over the store, by area: each function takes a session and never commits.

Services call these and own the transaction; nothing above the store builds SQL.
"""
