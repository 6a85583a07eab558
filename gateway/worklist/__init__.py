"""Officers' worklist: tasks (open steps of their role), claim, assign, decide."""
