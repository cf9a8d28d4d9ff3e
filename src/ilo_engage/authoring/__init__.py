"""Authoring records: drafts checked against the dataset, recipes per kind, procedure steps, the canonical layout (fmt) and new dataset repositories."""
