"""Councils, their bodies (Council, committees, sub-committees…), members, officers and venues."""

from __future__ import annotations

import enum


class BodyKind(enum.StrEnum):
    """What sort of body meets; the schedule table groups meetings by it."""

    COUNCIL = "council"
    COMMITTEE = "committee"
    SUB_COMMITTEE = "sub-committee"
    WORKING_GROUP = "working-group"
    PORTFOLIO_HOLDER = "portfolio-holder"
    EVENT = "event"  # induction sessions, training, briefings: on the schedule, not a body
