"""The optional language model: any OpenAI-compatible endpoint (OpenAI, Ollama, vLLM) through llama-index's
OpenAILike, configured in index.settings.llm and off unless configured. It is never the source of a number:
- understanding: a question the rules cannot answer (or every question, mode 'always') is read by the model into a
  typed query (structured output through function calling), written back as a plain question, and the same lookup
  and arithmetic answer it; the answer says how the question was read;
- phrasing: a one-paragraph answer in prose, kept only when every number in it is one of the answer's figures (as
  shown or in base units, or a period's) and every passage it quotes is in the answer's sources;
- an agent (`ask --agent`): a llama-index FunctionAgent over the tool spec, its final words checked the same way
  against the figures and reasons its tools returned.
Whatever the model does wrong (a number of its own, a malformed tool call, no reply), the deterministic answer is
given instead and the reason logged.
"""

from __future__ import annotations

import asyncio
import logging
import re
import threading
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, Field

from assistant import compose
from assistant.answers import Answer, Citation, Figure, Status

if TYPE_CHECKING:
    from assistant.respond import Assistant
    from index.settings import LLMSettings

log = logging.getLogger(__name__)

# a number as prose writes it, whatever stands before it: '339.6', '1,234', '$96,428', 'RMB340', '27.5%', '(13.9)',
# and a period's digits ('Q2', 'FY2024': allowed only as the answer's periods have them)
NUMBER = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\d.,])\d+(?:\.\d+)?")
# a passage the prose quotes: what stands between quotation marks, long enough to be a passage and not a name
QUOTED = re.compile(r"[\"“]([^\"“”]{25,})[\"”]")
PERIOD_NUMBERS = re.compile(r"\d+")


class QuestionQuery(BaseModel):
    """What a question about earnings releases asks: who, what, when and how."""

    companies: list[str] = Field(default_factory=list, description="The companies named, as written in the question.")
    metric: str = Field(description="The metric or table row asked about, e.g. 'G&A', 'revenue', 'operating margin', "
                                    "'Google Cloud revenue', 'diluted EPS'.")
    periods: list[str] = Field(default_factory=list, description="The periods named, each written like 'Q2 2025', "
                               "'FY2024', 'Q1 FY2026' or 'June 30, 2025'; empty when none is named.")
    operation: Literal["value", "growth", "change", "series", "explain", "compare"] = Field(
        description="value: the figure; growth: its growth year over year; change: between two periods; series: "
                    "its values over the periods; explain: why it changed; compare: across the companies.")


UNDERSTAND_PROMPT = ("Read this question about company earnings releases into its parts. Do not answer it and do "
                     "not add any number that is not in it.\nQuestion: {question}")
PHRASE_PROMPT = ("Write the answer below as one short paragraph for an analyst. Use only the figures and quotes "
                 "given, written exactly as given; add no other number, estimate or rounding.\n"
                 "Question: {question}\nAnswer: {headline}\nFigures:\n{figures}\nReasons:\n{reasons}")
AGENT_PROMPT = ("You answer questions about company earnings releases with the tools. Every number you write must "
                "be one a tool returned, written as the tool shows it; use calculate for any arithmetic; quote the "
                "release's reasons from find_reasons. Name the source of each figure.")


def make_llm(cfg: LLMSettings) -> Any:
    """The endpoint as a llama-index LLM (chat, function calling; no retries: a failure falls back at once)."""
    from llama_index.llms.openai_like import OpenAILike

    return OpenAILike(model=cfg.model, api_base=cfg.base_url, api_key=cfg.api_key, is_chat_model=True,
                      is_function_calling_model=True, temperature=0.0, max_retries=0, timeout=cfg.timeout)


def question_of(query: QuestionQuery) -> str:
    """The typed query written back as a question the rules read (assistant.questions)."""
    who = " and ".join(query.companies)
    whose = f"{who}'s " if who and len(query.companies) == 1 else (f"{who} " if who else "")
    when = " and ".join(query.periods)
    if query.operation == "explain":
        return f"What drove {whose}{query.metric}{f' in {when}' if when else ''}?"
    if query.operation == "growth":
        return f"{whose}{query.metric} growth year over year{f' in {when}' if when else ''}"
    if query.operation == "change" and len(query.periods) == 2:
        return f"What was the change in {whose}{query.metric} from {query.periods[0]} to {query.periods[1]}?"
    if query.operation == "series":
        return f"{whose}{query.metric} for {', '.join(query.periods) or 'the last four quarters'}"
    if query.operation == "compare":
        return f"{' vs '.join(query.companies)} {query.metric}{f', {when}' if when else ''}"
    return f"What was {whose}{query.metric}{f' in {when}' if when else ''}?"


# --- the guardrail ------------------------------------------------------------------------------------------------

def _number(text: str) -> Decimal | None:
    try:
        return abs(Decimal(text.replace(",", "")))
    except InvalidOperation:
        return None


def numbers_in(text: str) -> list[Decimal]:
    return [n for m in NUMBER.finditer(text) if (n := _number(m.group())) is not None]


def allowed_numbers(figures: list[Figure], citations: list[Citation]) -> set[Decimal]:
    """What a paragraph may state: each figure's value in base units and as shown ('(RMB339.6 million)' gives
    339.6), the numbers of its printed cell and of its period ('Q2 2025'), and the numbers in the quoted reasons."""
    allowed: set[Decimal] = set()
    for f in _with_inputs(figures):
        allowed.add(abs(f.value).normalize())
        _, period, shown, _ = compose.figure_row(f)
        texts = [shown, f.source.quote if f.source else ""]
        allowed.update(n.normalize() for t in texts for n in numbers_in(t))
        allowed.update(Decimal(d) for d in PERIOD_NUMBERS.findall(period))
    for c in citations:
        allowed.update(n.normalize() for n in numbers_in(c.quote))
    return allowed


def _with_inputs(figures: list[Figure]) -> list[Figure]:
    out: list[Figure] = []
    for f in figures:
        out.append(f)
        out.extend(_with_inputs(list(f.inputs)))
    return out


def unsupported(text: str, figures: list[Figure], citations: list[Citation]) -> str | None:
    """Why a paragraph may not be shown (a number none of the figures holds, a quote no source has), or None."""
    allowed = allowed_numbers(figures, citations)
    # a source named is no figure: 'reported (kingsoft-cloud_2025Q2, table 2, row 8, column 3)', 'paragraph 12'
    names = {compose.figure_row(f)[3] for f in _with_inputs(figures)}
    names |= {part for f in _with_inputs(figures) if f.source
              for part in (f.source.document, compose.short_locator(f.source.locator))}
    names |= {part for c in citations for part in (c.document, c.locator)}
    for name in sorted((n for n in names if n), key=len, reverse=True):
        text = text.replace(name, " ")
    for n in numbers_in(text):
        if n.normalize() not in allowed:
            return f"it states {n}, which no figure of the answer holds"
    sources = [" ".join(c.quote.split()) for c in citations] + [
        " ".join(f.source.quote.split()) for f in _with_inputs(figures) if f.source]
    for quote in QUOTED.findall(text):
        if not any(" ".join(quote.split()) in s for s in sources):
            return f"it quotes “{quote[:60]}”, which no source of the answer holds"
    return None


# --- the three uses -----------------------------------------------------------------------------------------------

class LanguageModel:
    """The configured model, used for understanding, phrasing and the agent; every failure is logged and answered
    by the rules alone."""

    def __init__(self, cfg: LLMSettings, llm: Any = None) -> None:
        self.cfg = cfg
        self._llm = llm
        self._making = threading.Lock()

    @property
    def llm(self) -> Any:
        with self._making:
            if self._llm is None:
                self._llm = make_llm(self.cfg)
            return self._llm

    def understand(self, question: str) -> QuestionQuery | None:
        """The question read into a typed query, or None (logged) when the model gives none it can use."""
        from llama_index.core.prompts import PromptTemplate

        try:
            query = self.llm.structured_predict(QuestionQuery, PromptTemplate(UNDERSTAND_PROMPT), question=question)
        except Exception as e:  # noqa: BLE001 - a model's failure of any kind is the rules' turn
            log.warning("the language model could not read %r: %s", question, e)
            return None
        if not isinstance(query, QuestionQuery) or not query.metric.strip():
            log.warning("the language model read %r as nothing usable: %r", question, query)
            return None
        return query

    def phrase(self, answer: Answer) -> Answer:
        """The answer with its paragraph in prose when the paragraph passes the guardrail, else unchanged."""
        if answer.status != Status.ANSWERED or not answer.figures:
            return answer
        figures = "\n".join(" | ".join(compose.figure_row(f)) for f in answer.figures)
        reasons = "\n".join(f"“{c.quote}” ({c.document}, {c.locator})" for c in answer.citations) or "none"
        try:
            text = str(self.llm.complete(PHRASE_PROMPT.format(question=answer.question, headline=answer.headline,
                                                               figures=figures, reasons=reasons))).strip()
        except Exception as e:  # noqa: BLE001
            log.warning("the language model could not phrase %r: %s", answer.question, e)
            return answer
        why = unsupported(text, list(answer.figures), list(answer.citations)) if text else "it wrote nothing"
        if why:
            log.warning("the language model's paragraph for %r was not shown: %s", answer.question, why)
            return answer
        return replace(answer, prose=text, answer=f"{text}\n\n{answer.answer}")


def answer(assistant: Assistant, question: str, cfg: LLMSettings | None, *, company: str | None = None,
           document: str | None = None, history: Any = None, model: LanguageModel | None = None) -> Answer:
    """The assistant's answer, with the language model's help where configured (cfg None: the rules alone)."""
    ask = dict(company=company, document=document, history=history)
    if cfg is None:
        return assistant.answer(question, **ask)
    model = model or LanguageModel(cfg)
    ruled = assistant.answer(question, **ask) if cfg.mode == "fallback" else None
    result = ruled
    if ruled is None or ruled.status != Status.ANSWERED:
        query = model.understand(question)
        if query is not None:
            read = question_of(query)
            got = assistant.answer(read, **ask)
            if got.status == Status.ANSWERED:
                note = f"The question was read by the language model as: “{read}”."
                result = replace(got, question=question, notes=(*got.notes, note),
                                 answer=f"{got.answer}\n\n{note}")
        if result is None:  # 'always', and the model's reading answered nothing: the rules' own reading
            result = assistant.answer(question, **ask)
    return model.phrase(result) if cfg.prose else result


def agent_answer(assistant: Assistant, question: str, cfg: LLMSettings, llm: Any = None) -> Answer:
    """A FunctionAgent over the tool spec answers; its words are shown only when every number in them is one the
    tools returned (else, or when the agent fails, the rules' answer, with the reason as a note)."""
    from llama_index.core.agent.workflow import FunctionAgent

    from assistant.tools import EarningsToolSpec

    figures: list[Figure] = []
    reasons: list[Citation] = []
    spec = EarningsToolSpec(assistant, on_figures=figures.extend, on_reasons=reasons.extend)
    agent = FunctionAgent(tools=spec.to_tool_list(), llm=llm or make_llm(cfg), system_prompt=AGENT_PROMPT,
                          streaming=False)
    async def run() -> Any:
        return await agent.run(user_msg=question)  # the workflow starts inside the loop

    try:
        text = str(asyncio.run(run())).strip()
        why = (unsupported(text, figures, reasons) if figures else "no tool gave it a figure") if text else \
            "it wrote nothing"
    except Exception as e:  # noqa: BLE001 - a model's failure of any kind is the rules' turn
        why = f"the agent failed ({type(e).__name__}: {e})"
    if why:
        log.warning("the agent's answer to %r was not shown: %s", question, why)
        fallback = assistant.answer(question)
        note = f"The language model's answer was not shown: {why}."
        return replace(fallback, notes=(*fallback.notes, note), answer=f"{fallback.answer}\n\n{note}")
    unique = list(dict.fromkeys(figures))
    cited = list(dict.fromkeys(reasons))
    note = "Written by the language model from the tools' figures; every number in it is one of them."
    return Answer(question=question, status=Status.ANSWERED, headline=text, figures=tuple(unique),
                  citations=tuple(cited), notes=(note,), prose=text,
                  answer=compose.render(text, unique, cited, (note,)))
