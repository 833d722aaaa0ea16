"""Use cases: each a function taking a `ServiceContext`, each one transaction."""
