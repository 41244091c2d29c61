"""Settings: every one documented in .env.example."""

from __future__ import annotations

from tests import paths


def test_env_example_documents_every_setting() -> None:
    """.env.example names every Settings field and loads as a valid .env file."""
    import re

    from bot.config import Settings

    example = paths.ROOT / ".env.example"
    names = {m.group(1).lower() for m in re.finditer(r"^([A-Z_]+)=", example.read_text(), re.M)}
    assert names == set(Settings.model_fields)
    settings = Settings(_env_file=example)  # type: ignore[call-arg]  # pydantic-settings init arg
    assert settings.webhook_url is None
    assert settings.webhook_secret is None
