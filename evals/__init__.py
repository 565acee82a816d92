"""Floor 3: known-figure datasets, scoring and reports."""
