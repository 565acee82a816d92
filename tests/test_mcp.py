"""`earnings-qa mcp`: the tool spec over the Model Context Protocol, driven by the official `mcp` client in-process,
over stdio (the client launches the command) and over Streamable HTTP on loopback."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from mcp import Client
from mcp.client.stdio import StdioServerParameters

from assistant.respond import Assistant
from index.pipeline import Index
from tests.conftest import ROOT, FakeEmbedding, ingested_home
from ui import mcp_server

TOOLS = {"lookup_figure", "calculate", "find_reasons", "list_companies", "list_periods", "list_metrics"}
GA = {"company": "Kingsoft Cloud", "metric": "G&A", "period": "Q2 2025"}


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ingested_home(tmp_path_factory, "mcp", ["kingsoft-cloud_2025Q2", "alphabet_2025Q2"])


async def _session(server: Any) -> dict[str, Any]:
    """List the tools and call three of them; what came back, parsed."""
    async with Client(server, read_timeout_seconds=60) as client:
        tools = (await client.list_tools()).tools
        looked = await client.call_tool("lookup_figure", GA)
        calc = await client.call_tool("calculate", {"operator": "subtract", "a": "339563", "b": "266249"})
        listed = await client.call_tool("list_companies", {})
    return {"tools": {t.name: t for t in tools}, "lookup": json.loads(looked.content[0].text),
            "calculate": json.loads(calc.content[0].text), "companies": json.loads(listed.content[0].text)}


def _check(got: dict[str, Any]) -> None:
    assert set(got["tools"]) == TOOLS
    schema = got["tools"]["lookup_figure"].input_schema
    assert all(p.get("description") for p in schema["properties"].values()) and schema["required"] == [
        "company", "metric", "period"]
    assert got["tools"]["calculate"].input_schema["properties"]["operator"]["enum"][-1] == "percent_change"
    assert got["lookup"]["status"] == "answered" and got["lookup"]["figures"][0]["value"] == -339563000
    assert got["lookup"]["figures"][0]["shown"] == "(RMB339.6 million)"
    assert got["calculate"]["value"] == 73314
    assert {c["short_name"] for c in got["companies"]} == {"Kingsoft Cloud", "Alphabet"}


def test_the_mcp_server_serves_the_tool_spec_in_process_reasons_included(home: Path) -> None:
    with Index(home, embedder=FakeEmbedding()) as index:
        server = mcp_server.build(Assistant(index))
        _check(asyncio.run(_session(server)))

        async def reasons() -> dict[str, Any]:
            async with Client(server) as client:
                return json.loads((await client.call_tool("find_reasons", GA)).content[0].text)

        got = asyncio.run(reasons())
    assert got["document"] == "kingsoft-cloud_2025Q2" and "personnel cost" in got["reasons"][0]["quote"]


def _env() -> dict[str, str]:
    return {"PYTHONPATH": str(ROOT), "EARNINGS_QA_CHROMA_URL": "", "EARNINGS_QA_DATABASE_URL": "",
            "PATH": os.environ.get("PATH", "")}


def test_earnings_qa_mcp_answers_an_mcp_client_over_stdio(home: Path) -> None:
    params = StdioServerParameters(command=sys.executable, args=["-m", "ui.cli", "--home", str(home), "mcp"],
                                   env=_env(), cwd=ROOT)
    _check(asyncio.run(_session(params)))


@pytest.fixture
def http_server(home: Path) -> Iterator[str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "ui.cli", "--home", str(home), "mcp", "--http", "--port",
                             str(port)], cwd=ROOT, env={**os.environ, **_env()}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            assert proc.poll() is None and time.monotonic() < deadline, proc.stderr.read() if proc.stderr else ""
            time.sleep(0.2)
    try:
        yield f"http://127.0.0.1:{port}/mcp"
    finally:
        proc.terminate()
        proc.wait(20)


def test_earnings_qa_mcp_http_answers_an_mcp_client_over_streamable_http(http_server: str) -> None:
    _check(asyncio.run(_session(http_server)))
