"""Feeds: chats subscribe to RSS/Atom feeds and every new item becomes a card.

    parse.py     a fetched document -> ParsedFeed | Alternates (feed discovery); CPU, in workers
    dedupe.py    an item's keys (guid, link, content fingerprint); which items are new
    filters.py   include / exclude words per subscription
    schedule.py  each feed's next poll: backoff for quiet and failing feeds, disabling
    subscribe.py /feed add: find the feed (or the one a site page links)
    cards.py     hashtags from categories; the card made from the item alone
    digest.py    digest mode: one message per period with headlines and one-line gists
    poll.py      FeedPoller: poll due feeds (one conditional GET per feed), queue new items per
                 chat, post the queue through the service within the limits

Nothing here imports Telegram: the poller posts through a `Sender` that bot/app.py provides.
This package's __init__ imports nothing (bot.config imports the schedule).
"""
