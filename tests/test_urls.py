"""URL keys: one spelling per article."""

from __future__ import annotations

from bot.urls import in_domains, normalize_url


def test_normalize_url_drops_tracking_and_fragment() -> None:
    """Tracking parameters, the fragment, default port and host case don't make a new article."""
    url = "HTTPS://News.Example.COM:443/a/b?id=7&utm_source=x&fbclid=1&gclid=2#comments"
    assert normalize_url(url) == "https://news.example.com/a/b?id=7"
    assert normalize_url("http://example.com") == "http://example.com/"
    assert normalize_url("http://example.com:8080/x?q=1") == "http://example.com:8080/x?q=1"


def test_in_domains_matches_subdomains_only() -> None:
    """A skipped domain covers its subdomains but not look-alikes."""
    assert in_domains("https://m.youtube.com/watch", ("youtube.com",))
    assert not in_domains("https://notyoutube.com/", ("youtube.com",))


def test_repeats_with_reordered_or_extra_tracking_parameters_share_a_key() -> None:
    """The same article with its query reordered or tracked differently gets one key."""
    base = normalize_url("https://news.example/story?id=7&page=2")
    assert normalize_url("https://news.example/story?page=2&id=7&utm_medium=social") == base
    assert normalize_url("https://news.example/story?id=7&si=abc&page=2&ttclid=x") == base
    assert normalize_url("https://news.example/story?id=8&page=2") != base
