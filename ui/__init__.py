"""Floor 4: thin adapters (CLI, web, Slack) over the library."""
