"""The gate in front of every write from the UI. Pure: no Streamlit."""

from __future__ import annotations

import hmac
import os

SECRET_ENV = "UTMC_ADMIN_SECRET"


def admin_secret() -> str | None:
    """The server's secret, or None when uploads are switched off (no write path exists then)."""
    secret = os.environ.get(SECRET_ENV, "")
    return secret if len(secret) >= 8 else None


def is_admin(entered: str | None, configured: str | None) -> bool:
    """Constant-time comparison; False whenever no secret is configured."""
    if not configured or not entered:
        return False
    return hmac.compare_digest(entered.encode("utf-8"), configured.encode("utf-8"))
