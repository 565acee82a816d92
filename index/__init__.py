"""Floor 1: releases -> documents -> tables -> facts (SQLite); text -> chunks -> embeddings (Chroma)."""
