# Speech prompts read aloud (zh-CN). Filled in by the speech work; ids must match the other locale.
