"""Errors carry a catalogue message: English `user_message`, `message_for(language)` for readers."""

from __future__ import annotations

import pickle

import pytest

from bot import errors
from bot.errors import ExtractionError, GistError, HttpStatusError, InputError, TooLargeError
from bot.i18n import SUPPORTED
from bot.i18n import messages as msg

CLASSES = [
    c
    for c in vars(errors).values()
    if isinstance(c, type) and issubclass(c, GistError) and c is not HttpStatusError
]


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_each_error_speaks_every_language(cls: type[GistError]) -> None:
    """Every error class has an English text and a different one in each other language."""
    exc = cls()
    assert exc.user_message == cls.user_message == cls.message.msgid
    texts = {language: exc.message_for(language) for language in SUPPORTED}
    assert texts["en"] == exc.user_message
    assert len(set(texts.values())) == len(SUPPORTED), texts


def test_error_classes_have_their_own_texts() -> None:
    """No two error classes share a text (a subclass that forgot its own message shows here)."""
    assert len({c.message for c in CLASSES}) == len(CLASSES)


def test_http_status_is_in_every_language() -> None:
    """The HTTP status number is filled into the text, in English and in the reader's language."""
    exc = HttpStatusError(404)
    assert exc.user_message == "That page answered with error 404."
    assert exc.message_for("de") == "Die Seite hat mit Fehler 404 geantwortet."
    assert "404" in exc.message_for("uk")
    assert str(exc) == "HTTP 404"  # the log text is not the user's text


def test_unknown_language_gets_english() -> None:
    """A reader whose language we don't speak gets the English text."""
    assert TooLargeError().message_for("pt-BR") == TooLargeError.user_message


def test_a_raise_site_can_choose_another_catalogue_message() -> None:
    """An error raised with another catalogue message says that one, translated."""
    exc = ExtractionError("no summary sentences", message=msg.ERROR_NO_SENTENCES)
    assert exc.user_message == msg.ERROR_NO_SENTENCES.msgid
    assert exc.message_for("ru") == "Там не нашлось предложений для пересказа."


def test_a_fixed_text_stays_as_given() -> None:
    """A fixed user_message (the command line's file errors) is the same in every language."""
    exc = InputError("x", user_message="Can't read a.txt: No such file.")
    assert exc.message_for("de") == exc.user_message == "Can't read a.txt: No such file."


def test_errors_keep_their_message_through_pickling() -> None:
    """Errors raised in a worker process arrive with the same message and parameters."""
    back = pickle.loads(pickle.dumps(HttpStatusError(503)))
    assert back.message_for("fr") == "Cette page a répondu par l’erreur 503."
    assert back.status == 503
