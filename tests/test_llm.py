"""The optional language model (assistant.llm) against a fake OpenAI-compatible server on loopback that returns
scripted completions and tool calls: understanding, phrasing under the numeric guardrail, the agent, and every way
a model goes wrong (a number of its own, a malformed tool call, an error) falling back to the rules."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from assistant import llm
from assistant.answers import Status
from assistant.respond import Assistant
from index import settings
from index.errors import ConfigError
from index.pipeline import Index
from tests.conftest import FakeEmbedding, ingested_home
from ui.cli import cli

ODD = "what were KC's admin costs in the three months to june 2025?"  # the rules find no row for 'admin costs'
READ = {"companies": ["Kingsoft Cloud"], "metric": "G&A", "periods": ["Q2 2025"], "operation": "value"}
GA = Decimal("-339563000")
REASON = "share-based compensation and personnel cost"
Script = Callable[[dict[str, Any]], dict[str, Any]]


class FakeOpenAI:
    """/v1/chat/completions on a loopback port: each request is answered by `script(request)` (an assistant
    message: content and/or tool_calls); requests are kept."""

    def __init__(self) -> None:
        self.script: Script = lambda request: {"content": "nothing scripted"}
        self.requests: list[dict[str, Any]] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                request = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)))
                fake.requests.append(request)
                message = {"role": "assistant", "content": None, **fake.script(request)}
                body = json.dumps({"id": "chatcmpl-1", "object": "chat.completion", "created": int(time.time()),
                                   "model": request.get("model"), "choices": [{
                                       "index": 0, "message": message,
                                       "finish_reason": "tool_calls" if message.get("tool_calls") else "stop"}],
                                   "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        class Server(ThreadingHTTPServer):
            request_queue_size = 64  # a loaded machine must not find the accept queue full
            daemon_threads = True

        self.server = Server(("127.0.0.1", 0), Handler)  # listening from here: a request waits, never refused
        self._serving = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._serving.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}/v1"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def call(name: str, arguments: dict[str, Any] | str, n: int = 1) -> dict[str, Any]:
    return {"id": f"call_{n}", "type": "function",
            "function": {"name": name, "arguments": arguments if isinstance(arguments, str) else json.dumps(arguments)}}


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeOpenAI]:
    server = FakeOpenAI()
    yield server
    server.close()


@pytest.fixture
def cfg(fake: FakeOpenAI, monkeypatch: pytest.MonkeyPatch) -> settings.LLMSettings:
    monkeypatch.setenv("EARNINGS_QA_LLM_BASE_URL", fake.url)
    monkeypatch.setenv("EARNINGS_QA_LLM_MODEL", "fake-model")
    monkeypatch.setenv("EARNINGS_QA_LLM_API_KEY", "sk-test")
    fake.requests.clear()
    got = settings.llm()
    assert got is not None
    return got


@pytest.fixture(scope="module")
def bot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    home = ingested_home(tmp_path_factory, "llm", ["kingsoft-cloud_2025Q2", "alphabet_2025Q2"])
    with Index(home, embedder=FakeEmbedding()) as index:
        yield Assistant(index)


def test_the_language_model_is_off_unless_configured(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("EARNINGS_QA_LLM_BASE_URL", "EARNINGS_QA_LLM_MODEL", "EARNINGS_QA_LLM"):
        monkeypatch.delenv(name, raising=False)
    assert settings.llm() is None
    with pytest.raises(ConfigError, match="EARNINGS_QA_LLM_BASE_URL"):
        settings.llm("always")
    with pytest.raises(ConfigError, match="one of off, fallback, always"):
        settings.llm("sometimes")


def test_a_question_the_rules_cannot_read_is_read_by_the_model_and_answered_from_facts(
        bot: Assistant, fake: FakeOpenAI, cfg: settings.LLMSettings) -> None:
    assert bot.answer(ODD).status != Status.ANSWERED  # the rules alone
    fake.script = lambda request: {"tool_calls": [call("QuestionQuery", READ)]}
    got = llm.answer(bot, ODD, cfg)
    assert got.status == Status.ANSWERED and got.figures[0].value == GA and got.figures[0].source is not None
    assert got.question == ODD and "read by the language model as: “What was Kingsoft Cloud's G&A in Q2 2025?”" in (
        got.notes[-1])
    [request] = fake.requests
    assert request["model"] == "fake-model" and request["tools"][0]["function"]["name"] == "QuestionQuery"
    # a question the rules answer never reaches the model in 'fallback'
    fake.requests.clear()
    assert llm.answer(bot, "What was Kingsoft Cloud's G&A in Q2 2025?", cfg).figures[0].value == GA
    assert fake.requests == []


def test_a_malformed_tool_call_falls_back_to_the_rules(bot: Assistant, fake: FakeOpenAI,
                                                       cfg: settings.LLMSettings,
                                                       caplog: pytest.LogCaptureFixture) -> None:
    for broken in ({"tool_calls": [call("QuestionQuery", "{\"companies\": [\"Kingsoft")]},  # cut short
                   {"tool_calls": [call("QuestionQuery", {"companies": "KC"})]},  # no metric, a wrong type
                   {"content": "I think it was about 340 million."}):  # no tool call at all
        fake.script = lambda request, reply=broken: reply
        got = llm.answer(bot, ODD, cfg)
        assert got.to_json() == bot.answer(ODD).to_json()  # the rules' own refusal, nothing invented
    assert "could not read" in caplog.text or "nothing usable" in caplog.text


def test_a_paragraph_is_shown_only_when_every_number_in_it_is_the_answers(
        bot: Assistant, fake: FakeOpenAI, cfg: settings.LLMSettings, caplog: pytest.LogCaptureFixture) -> None:
    question = "What was Kingsoft Cloud's G&A in Q2 2025?"
    prose = llm.LanguageModel(cfg)
    plain = bot.answer(question)
    fake.script = lambda request: {"content": "In Q2 2025 Kingsoft Cloud's general and administrative expenses "
                                              "were RMB339.6 million (the income statement prints 339,563)."}
    shown = prose.phrase(plain)
    assert shown.prose.startswith("In Q2 2025 Kingsoft Cloud's") and shown.answer.startswith(shown.prose)
    assert shown.to_json()["prose"] == shown.prose and shown.figures == plain.figures

    fake.script = lambda request: {"content": "Kingsoft Cloud's G&A was about RMB340 million in Q2 2025, up 30%."}
    refused = prose.phrase(plain)
    assert refused == plain and refused.prose == "" and "prose" not in refused.to_json()
    assert "states 340, which no figure of the answer holds" in caplog.text

    fake.script = lambda request: {"content": "G&A was RMB339.6 million; management said “costs fell sharply on "
                                              "lower headcount across the group”."}
    assert prose.phrase(plain) == plain and "which no source of the answer holds" in caplog.text


def test_the_guardrail_reads_numbers_as_prose_writes_them() -> None:
    assert llm.numbers_in("RMB339.6 million, $96,428 million, 27.5%, (13.9), Q2 2025, FY2024 and 3 times") == [
        Decimal("339.6"), Decimal("96428"), Decimal("27.5"), Decimal("13.9"), Decimal("2"), Decimal("2025"),
        Decimal("2024"), Decimal("3")]
    assert llm.numbers_in("RMB340 million") == [Decimal("340")]  # a currency code before it hides nothing


def _agent_script(final: Callable[[list[dict[str, Any]]], str]) -> Script:
    """A function-calling model: the two tools first, then `final(tool results)`."""

    def script(request: dict[str, Any]) -> dict[str, Any]:
        results = [json.loads(m["content"]) for m in request["messages"] if m["role"] == "tool"]
        if not results:
            ask = {"company": "Kingsoft Cloud", "metric": "G&A", "period": "Q2 2025"}
            return {"tool_calls": [call("lookup_figure", ask, 1), call("find_reasons", ask, 2)]}
        return {"content": final(results)}

    return script


def test_the_agent_answers_through_the_tools_and_its_words_are_checked(
        bot: Assistant, fake: FakeOpenAI, cfg: settings.LLMSettings) -> None:
    def honest(results: list[dict[str, Any]]) -> str:
        figure, reasons = results
        return (f"Kingsoft Cloud's G&A was {figure['figures'][0]['shown']} in Q2 2025 ({figure['figures'][0]['where']})"
                f", mainly due to “{reasons['reasons'][0]['quote']}”")

    fake.script = _agent_script(honest)
    got = llm.agent_answer(bot, "What was Kingsoft Cloud's G&A in Q2 2025 and why did it grow?", cfg)
    assert got.status == Status.ANSWERED and "(RMB339.6 million)" in got.prose and REASON in got.prose
    assert [f.value for f in got.figures] == [GA] and REASON in got.citations[0].quote
    assert "every number in it is one of them" in got.notes[-1]

    fake.script = _agent_script(lambda results: "Kingsoft Cloud's G&A was RMB412.0 million in Q2 2025.")
    refused = llm.agent_answer(bot, "What was Kingsoft Cloud's G&A in Q2 2025?", cfg)
    assert refused.prose == "" and refused.figures[0].value == GA  # the rules' answer
    assert "not shown: it states 412.0" in refused.notes[-1] or "not shown: it states 412" in refused.notes[-1]


def test_ask_takes_the_language_model_from_the_settings(bot: Assistant, fake: FakeOpenAI,
                                                        cfg: settings.LLMSettings, tmp_path: Path) -> None:
    fake.script = lambda request: {"tool_calls": [call("QuestionQuery", READ)]}
    home = bot.index.home
    got = CliRunner().invoke(cli, ["--home", str(home), "ask", "--json", ODD], obj={"embedder": FakeEmbedding()})
    assert got.exit_code == 0, got.output
    assert json.loads(got.stdout)["figures"][0]["value"] == -339563000, got.stderr  # a warning goes to stderr
    off = CliRunner().invoke(cli, ["--home", str(home), "ask", "--json", "--llm", "off", ODD],
                             obj={"embedder": FakeEmbedding()})
    assert json.loads(off.stdout)["status"] == "not_found"
    fake.script = _agent_script(lambda results: f"G&A was {results[0]['figures'][0]['shown']} in Q2 2025.")
    agent = CliRunner().invoke(cli, ["--home", str(home), "ask", "--json", "--agent", "KC G&A Q2 2025?"],
                               obj={"embedder": FakeEmbedding()})
    assert agent.exit_code == 0, agent.output
    assert json.loads(agent.stdout)["prose"] == "G&A was (RMB339.6 million) in Q2 2025.", agent.stderr


def test_the_web_chat_and_its_api_use_the_configured_model(bot: Assistant, fake: FakeOpenAI,
                                                           cfg: settings.LLMSettings) -> None:
    from ui.web import Library

    fake.script = lambda request: {"tool_calls": [call("QuestionQuery", READ)]}
    library = Library(bot.index.home, embedder=FakeEmbedding())
    try:
        assert library.answer(ODD).figures[0].value == GA
        from assistant.requests import answer_json

        assert answer_json(library, {"question": ODD})["figures"][0]["value"] == -339563000
    finally:
        library.close()
