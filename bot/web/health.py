"""Liveness of the gateway and reachability of Rasa, for load balancers and `hiwar run`."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter
from pydantic import BaseModel

from bot.web.deps import RasaDep

router = APIRouter(tags=["health"])


class Health(BaseModel):
    """The gateway answers, so it is ok; Rasa is checked on every call."""

    status: Literal["ok"] = "ok"
    rasa: Literal["up", "down"]


@router.get("/health", response_model=Health)
async def read_health(rasa: RasaDep) -> Health:
    """Gateway status and whether any Rasa replica answers."""
    return Health(rasa="up" if await rasa.is_up() else "down")
