"""The article pipeline: fetch -> extract | clean -> summarize -> quotes -> render. No Telegram here."""
