"""What a recall case is: one fake credential of one family, and the rule that must find it.

Each `corpus/recall/specs/<group>.py` defines `CASES`, a list of `Case`. `make_recall.py` plants
every case into realistic files of several formats (.env, YAML, JSON, Python, JavaScript, Go,
shell, Terraform, properties, XML) and writes the labels; `recall.py` scores a scan against them.
"""
from dataclasses import dataclass, field
from typing import Callable, Optional


@dataclass
class Case:
    family: str                      # the service or credential family, e.g. "slack"
    rule: str                        # the rule id expected to report it, or "generic"
    name: str                        # a realistic variable / key name, e.g. "SLACK_BOT_TOKEN"
    make: Callable                   # make(f: Fakes) -> the secret, a fresh fake in the documented format
    # When the secret cannot stand as `name = value` (a URL, a command line, a multi-line key),
    # line(f, secret) returns the whole text to plant (it may span lines; the label is the line
    # holding the start of the secret).
    line: Optional[Callable] = None
    # Formats this case may be planted in; empty means all of them. For a `line` case the first
    # format names the extension of the file it is written to.
    formats: list = field(default_factory=list)
    # For a `line` case that belongs in a file of its own name (`.pgpass`, `wp-config.php`).
    filename: Optional[str] = None
