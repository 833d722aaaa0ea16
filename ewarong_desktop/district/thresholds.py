"""The thresholds of the district's independence checks, in one place (docs/district.md).

Shares are of rupiah of completed purchases (goods bought) dated in the month.
"""

# An e-warong that took more than half of a month's goods from one supplier.
SUPPLIER_WARONG_SHARE = 0.50
# One supplier with more than a quarter of the whole district's goods in a month.
SUPPLIER_DISTRICT_SHARE = 0.25
# The own-source share is followed over this many months, up to the report's month.
TARGET_MONTHS = 12
# "Moved away from the target": below it at the end, and the mean share of the last (up to)
# three months with purchases is this many percentage points below that of the first three.
MOVED_AWAY_POINTS = 5.0
MOVED_AWAY_WINDOW = 3
