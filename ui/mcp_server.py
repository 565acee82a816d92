"""The tool spec (assistant.tools.EarningsToolSpec) as an MCP server, for agents that reach tools over the Model
Context Protocol: `earnings-qa mcp` speaks it on stdin/stdout, `earnings-qa mcp --http` as Streamable HTTP at
http://HOST:PORT/mcp. Built on the official `mcp` SDK's MCPServer; the tools are the spec's own functions, so their
parameters, descriptions and JSON outputs are the same as in llama-index."""

from __future__ import annotations

import inspect
from typing import Any

from assistant.respond import Assistant
from assistant.tools import EarningsToolSpec

INSTRUCTIONS = ("Exact, cited figures from the company earnings releases in this index. list_companies first; "
                "every figure lookup_figure gives carries its source (document, table, row, column); do arithmetic "
                "with calculate, never in your head; find_reasons quotes the release's own explanation.")


def build(assistant: Assistant) -> Any:
    """An MCPServer whose tools are the spec's, bound to one assistant (one data home)."""
    from mcp.server.mcpserver import MCPServer

    spec = EarningsToolSpec(assistant)
    server = MCPServer(name="earnings-qa", instructions=INSTRUCTIONS, log_level="WARNING")
    for name in spec.spec_functions:
        fn = getattr(spec, name)
        # text out: each tool returns its JSON as a string, as it does in llama-index
        server.add_tool(fn, name=name, description=inspect.getdoc(fn), structured_output=False)
    return server


def serve(assistant: Assistant, *, http: bool = False, host: str = "127.0.0.1", port: int = 8765) -> None:
    """Serve until stdin closes (stdio) or until interrupted (HTTP)."""
    server = build(assistant)
    if http:
        server.run("streamable-http", host=host, port=port)
    else:
        server.run("stdio")
