"""Registers and lookups derived from the records: registers, dossiers, find, route advice."""
