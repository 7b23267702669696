"""meetings: plan, publish and paper the meetings of a UK council."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
