# gistbot: one image for every role (`run`, `ingress`, `worker`; compose.yaml starts the last two).
# Build stage: install the project and its dependencies into a virtualenv. Everything the bot reads
# at run time (sentence splitters, language models, stop words, the cleaner's model, the message
# catalogue) ships inside the pip packages, so the image runs offline.
FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY handlers ./handlers
RUN python -m venv /opt/gistbot \
    && /opt/gistbot/bin/pip install --no-cache-dir --disable-pip-version-check . \
    && /opt/gistbot/bin/python -m compileall -q /opt/gistbot

# Run stage: the virtualenv only (no compilers, no sources, no pip cache), as an unprivileged user.
FROM python:3.11-slim
RUN useradd --system --uid 10001 --create-home --home-dir /var/lib/gistbot gistbot
COPY --from=build /opt/gistbot /opt/gistbot
ENV PATH=/opt/gistbot/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    DATABASE_PATH=/var/lib/gistbot/gistbot.sqlite3
USER gistbot
WORKDIR /var/lib/gistbot
# Offline check at build time: the pipeline summarizes a text without the network.
RUN printf 'Harbour bridge reopens.\n\n%s\n' "$(yes 'The old harbour bridge reopened on Monday after two years of repairs, the city council said.' | head -n 8 | tr '\n' ' ')" \
    | gistbot summarize --format json - > /dev/null
ENTRYPOINT ["gistbot"]
CMD ["run"]
