"""Floor 2: question -> intent -> lookup / calculate / explain -> Answer."""
