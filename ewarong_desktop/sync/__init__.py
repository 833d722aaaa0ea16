"""The sync bundle format of BUNDLE_SPEC.md: write, read, verify. No database code, no Qt."""
