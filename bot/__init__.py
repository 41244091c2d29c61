"""gistbot: articles in, Telegram cards out (headline, key quotes, short extractive summary)."""

__version__ = "0.1.0"
