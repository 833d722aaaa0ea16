"""What a use case changed, said by its result (Anki's `OpChanges`), so a window can refresh.

A service that changes the store returns a result whose `changes` names the topics it touched
(`Topic.STOCK`, ...). The window's one helper announces them and each page reloads when a topic
it shows is among them; nobody has to remember which strings to send, and a typo is a
`ValueError` or a mypy error instead of a stale page.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol, TypeVar


class Topic(StrEnum):
    KPM = "kpm"
    STOCK = "stock"
    REDEMPTION = "redemption"
    PURCHASE = "purchase"
    PRODUCT = "product"
    SETTINGS = "settings"  # profile, working month, entitlement rates, receipt paper
    OPERATOR = "operator"
    SYNC = "sync"  # bundles exported, keys, backups
    FUND = "fund"  # the KUBE fund ledger


Changes = frozenset[Topic]
# A result dataclass read back equals the one a change returned: its field is
# `changes: Changes = field(default=NO_CHANGES, compare=False, repr=False)`.
NO_CHANGES: Changes = frozenset()


class Announcing(Protocol):
    @property
    def changes(self) -> Changes: ...


R = TypeVar("R", bound=Announcing)


def changed(result: R, *topics: Topic) -> R:
    """`result` (a frozen dataclass with a `changes` field) saying that `topics` changed."""
    return dataclasses.replace(result, changes=frozenset(topics))  # type: ignore[type-var]


@dataclass(frozen=True)
class Done:
    """The result of a change that has nothing else to say (a new PIN, a rate)."""

    changes: Changes


def changes_of(result: object) -> Changes:
    """The topics a service result says it changed; nothing for any other value."""
    found = getattr(result, "changes", NO_CHANGES)
    if isinstance(found, frozenset) and all(isinstance(t, Topic) for t in found):
        return found
    return NO_CHANGES
