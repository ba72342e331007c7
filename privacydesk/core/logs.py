"""Log records as one JSON object per line, for the web, the Celery worker and beat alike (``settings.LOGGING``).

Each line has the time (UTC), level, logger and message, then the context a caller gave with ``extra`` — the
case reference, the letter or print file id — and the traceback, if any, inside the same line::

    logger.exception("Letter %s could not be produced", letter.pk, extra={"case": reference, "letter": letter.pk})
    {"time": "2026-12-02T01:02:03.456+00:00", "level": "ERROR", "logger": "privacydesk.letters.services",
     "message": "Letter 12 could not be produced", "case": "2612-AB12-CD34", "letter": 12, "exc": "Traceback …"}

Only plain values (text, numbers, booleans) given as ``extra`` are written: objects such as the request that
Django attaches to its own records are left out.
"""

import json
import logging
from datetime import UTC, datetime

# The attributes every record has; anything else on a record came from ``extra``.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}


class JsonLineFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_") and isinstance(value, str | int | float | bool):
                line[key] = value
        if record.exc_info:
            line["exc"] = self.formatException(record.exc_info)
        if record.stack_info:
            line["stack"] = self.formatStack(record.stack_info)
        return json.dumps(line, ensure_ascii=False, default=str)
