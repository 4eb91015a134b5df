# Speech prompts read aloud (en-US). Filled in by the speech work; ids must match the other locale.
