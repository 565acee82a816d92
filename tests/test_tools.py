"""The tool spec (assistant.tools.EarningsToolSpec) inside real llama-index agents: a FunctionAgent over a scripted
function-calling LLM and a ReActAgent over a scripted text LLM. Both run the sync tools in executor threads, as
llama-index does; the tools must answer there (a SQLite connection made on another thread once failed them)."""

from __future__ import annotations

import asyncio
import json
import re
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from llama_index.core.agent.workflow import FunctionAgent, ReActAgent
from llama_index.core.base.llms.types import (
    ChatMessage,
    CompletionResponse,
    CompletionResponseGen,
    LLMMetadata,
    MessageRole,
    ToolCallBlock,
)
from llama_index.core.llms.custom import CustomLLM
from llama_index.core.llms.mock import MockFunctionCallingLLM

from assistant.respond import Assistant
from assistant.tools import EarningsToolSpec, make_tools
from index.pipeline import Index
from tests.conftest import FakeEmbedding, ingested_home

QUESTION = "What was Kingsoft Cloud's G&A in Q2 2025 and why did it grow?"
ASK = {"company": "Kingsoft Cloud", "metric": "G&A", "period": "Q2 2025"}
GA = -339563000
REASON = "share-based compensation and personnel cost"


@pytest.fixture(scope="module")
def spec(tmp_path_factory: pytest.TempPathFactory) -> EarningsToolSpec:
    home = ingested_home(tmp_path_factory, "tools", ["kingsoft-cloud_2025Q2", "alphabet_2025Q2", "alphabet_2024Q2",
                                                     "nvidia_FY2026Q1"])
    index = Index(home, embedder=FakeEmbedding())
    yield EarningsToolSpec(Assistant(index))
    index.close()


def threads_of(spec: EarningsToolSpec, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the threads the tools that read a company run on, from now on."""
    names: list[str] = []
    company = spec._company

    def traced(*args: Any) -> Any:
        names.append(threading.current_thread().name)
        return company(*args)

    monkeypatch.setattr(spec, "_company", traced)
    return names


def _final(figure: dict[str, Any], reasons: dict[str, Any]) -> str:
    """What a model would say from the tools' results, quoting them."""
    return (f"{figure['label']} was {figure['shown']} in {figure['period']} ({figure['where']}). "
            f"Why: {reasons['reasons'][0]['quote']}")


# --- the tool spec itself ---------------------------------------------------------------------------------------

def test_every_tool_and_parameter_is_described_and_operator_is_an_enum(spec: EarningsToolSpec) -> None:
    tools = {t.metadata.name: t for t in spec.to_tool_list()}
    assert set(tools) == {"lookup_figure", "calculate", "find_reasons", "list_companies", "list_periods",
                          "list_metrics"}
    for tool in tools.values():
        assert tool.metadata.description
        for name, schema in tool.metadata.get_parameters_dict()["properties"].items():
            assert schema.get("description"), f"{tool.metadata.name}.{name} has no description"
    operator = tools["calculate"].metadata.get_parameters_dict()["properties"]["operator"]
    assert operator["enum"] == ["add", "subtract", "multiply", "divide", "percent_change"]
    period = tools["lookup_figure"].metadata.get_parameters_dict()["properties"]["period"]
    assert {"type": "array", "items": {"type": "string"}} in period["anyOf"]


def test_tool_outputs_are_json_with_the_figures_sources(spec: EarningsToolSpec) -> None:
    tools = {t.metadata.name: t for t in make_tools(spec.assistant)}
    got = json.loads(tools["lookup_figure"].call(**ASK).content)
    assert got["status"] == "answered" and [f["value"] for f in got["figures"]] == [GA]
    assert got["figures"][0]["source"]["document"] == "kingsoft-cloud_2025Q2"
    calc = json.loads(tools["calculate"].call(operator="percent_change", a="339563", b="266249").content)
    assert calc["exact"].startswith("27.535878") and calc["formula"] == "(339563 - 266249) / |266249| x 100"
    assert "error" in json.loads(tools["calculate"].call(operator="power", a="2", b="3").content)
    assert json.loads(tools["calculate"].call(operator="divide", a="1", b="0").content)["error"]


def test_lookup_figure_takes_a_list_or_a_range_of_periods_and_names_what_is_missing(spec: EarningsToolSpec) -> None:
    ranged = json.loads(spec.lookup_figure("Alphabet", "Google Cloud revenue", "Q2 2024 to Q2 2025"))
    listed = json.loads(spec.lookup_figure("GOOGL", "Google Cloud revenue", ["Q2 2024", "Q2 2025"]))
    assert [f["period"] for f in listed["figures"]] == ["Q2 2024", "Q2 2025"]
    assert [f["period"] for f in ranged["figures"]][0] == "Q2 2024" and ranged["figures"][-1]["period"] == "Q2 2025"
    partial = json.loads(spec.lookup_figure("Alphabet", "Google Cloud revenue", ["Q2 2025", "Q2 2019"]))
    assert partial["status"] == "partial" and [m["period"] for m in partial["missing"]] == ["Q2 2019"]
    unknown = json.loads(spec.lookup_figure("Tesla", "revenue", "Q2 2025"))
    assert unknown["status"] == "not_found" and "Kingsoft Cloud" in unknown["message"]


def test_the_listing_tools_name_companies_periods_and_metrics(spec: EarningsToolSpec) -> None:
    companies = json.loads(spec.list_companies())
    assert {c["short_name"] for c in companies} == {"Kingsoft Cloud", "Alphabet", "NVIDIA"}
    assert "Q2 2025" in json.loads(spec.list_periods("KC"))["periods"]
    metrics = json.loads(spec.list_metrics("Kingsoft Cloud", "Q2 2025"))["metrics"]
    assert any(m["label"] == "General and administrative expenses" and "Q2 2025" in m["periods"] for m in metrics)
    reasons = json.loads(spec.find_reasons("Kingsoft Cloud", "G&A", "Q2 2025"))
    assert reasons["document"] == "kingsoft-cloud_2025Q2" and REASON in reasons["reasons"][0]["quote"]
    assert json.loads(spec.find_reasons("Kingsoft Cloud", "G&A", "Q2 2019"))["status"] == "not_found"
    # a 52/53-week quarter ends on its own day ('Apr 27, 2025'), not the month's last
    nvidia = json.loads(spec.list_metrics("NVDA", "Q1 FY2026"))["metrics"]
    assert any(m["label"] == "Revenue" and "Q1 FY2026" in m["periods"] for m in nvidia)
    assert json.loads(spec.find_reasons("NVIDIA", "revenue", "Q1 FY2026"))["document"] == "nvidia_FY2026Q1"


def test_the_tools_answer_from_many_executor_threads_at_once(spec: EarningsToolSpec) -> None:
    calls = [lambda: spec.lookup_figure(**ASK), lambda: spec.find_reasons(**ASK), spec.list_companies,
             lambda: spec.list_metrics("Alphabet")] * 4
    alone = [call() for call in calls]
    with ThreadPoolExecutor(8) as pool:
        assert list(pool.map(lambda call: call(), calls)) == alone


# --- inside agents ----------------------------------------------------------------------------------------------

def _function_calls(messages: Sequence[ChatMessage], **kwargs: Any) -> ChatMessage:
    """A function-calling model's two turns: call lookup_figure and find_reasons, then answer from their results."""
    results = [m for m in messages if m.role == MessageRole.TOOL]
    if not results:
        return ChatMessage(role=MessageRole.ASSISTANT, blocks=[
            ToolCallBlock(tool_call_id="call-1", tool_name="lookup_figure", tool_kwargs=ASK),
            ToolCallBlock(tool_call_id="call-2", tool_name="find_reasons", tool_kwargs=ASK)])
    figure, reasons = (json.loads(m.content) for m in results)
    return ChatMessage(role=MessageRole.ASSISTANT, content=_final(figure["figures"][0], reasons))


def test_a_function_agent_answers_with_the_figure_and_a_cited_reason_through_the_tools(
        spec: EarningsToolSpec, monkeypatch: pytest.MonkeyPatch) -> None:
    threads = threads_of(spec, monkeypatch)
    agent = FunctionAgent(tools=spec.to_tool_list(), llm=MockFunctionCallingLLM(response_generator=_function_calls))
    reply = str(asyncio.run(_run(agent)))
    assert ("General and administrative expenses was (RMB339.6 million) in Q2 2025 (reported (kingsoft-cloud_2025Q2, "
            "table 2, row 8, column 3))") in reply
    assert REASON in reply
    assert len(threads) == 2 and threading.main_thread().name not in threads  # executor threads


class ScriptedReAct(CustomLLM):
    """A text model following the ReAct format: an Action per tool, then an Answer built from the Observations."""

    steps: list[str] = []

    @property
    def metadata(self) -> LLMMetadata:
        return LLMMetadata(is_chat_model=False)

    def _next(self, prompt: str) -> str:
        observations = re.findall(r"Observation: (\{.*\})", prompt)
        if len(observations) == 0:
            return f"Thought: I need the figure.\nAction: lookup_figure\nAction Input: {json.dumps(ASK)}"
        if len(observations) == 1:
            return f"Thought: Now why it grew.\nAction: find_reasons\nAction Input: {json.dumps(ASK)}"
        figure, reasons = (json.loads(o) for o in observations[:2])
        return ("Thought: I can answer without using any more tools.\nAnswer: "
                + _final(figure["figures"][0], reasons))

    def complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponse:
        text = self._next(prompt)
        self.steps.append(text)
        return CompletionResponse(text=text)

    def stream_complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponseGen:
        text = self.complete(prompt).text
        yield CompletionResponse(text=text, delta=text)


def test_a_react_agent_answers_with_the_figure_and_a_cited_reason_through_the_tools(
        spec: EarningsToolSpec, monkeypatch: pytest.MonkeyPatch) -> None:
    threads = threads_of(spec, monkeypatch)
    llm = ScriptedReAct(steps=[])
    reply = str(asyncio.run(_run(ReActAgent(tools=spec.to_tool_list(), llm=llm))))
    assert "(RMB339.6 million) in Q2 2025" in reply and REASON in reply, llm.steps
    assert len(threads) == 2 and threading.main_thread().name not in threads


async def _run(agent: Any) -> Any:
    return await agent.run(user_msg=QUESTION)


def test_make_tools_is_the_spec_bound_to_an_assistant(spec: EarningsToolSpec, tmp_path: Path) -> None:
    assert [t.metadata.name for t in make_tools(spec.assistant)] == EarningsToolSpec.spec_functions
