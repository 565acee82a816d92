"""A rule of the vocabulary: a name, a pattern, what it produces, and examples and counter-examples a test runs."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    """`pattern` finds the rule's phrase; `produces` is what the phrase means (a replacement, a metric, a word);
    `examples` are (text, what applying the rule to the text gives), `not_examples` texts it must leave alone."""

    name: str
    pattern: re.Pattern[str]
    produces: str
    examples: tuple[tuple[str, str], ...]
    not_examples: tuple[str, ...] = ()

    def apply(self, text: str) -> str:
        """The text with every phrase of the rule replaced by what it produces."""
        return self.pattern.sub(self.produces, text)

    def finds(self, text: str) -> bool:
        return self.pattern.search(text) is not None


def rule(name: str, pattern: str, produces: str, examples: tuple[tuple[str, str], ...],
         not_examples: tuple[str, ...] = (), flags: int = re.I) -> Rule:
    return Rule(name, re.compile(pattern, flags), produces, examples, not_examples)
