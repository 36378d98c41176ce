"""Storage: the saved working set, the journal's capture helpers and the weekly reminder."""
