"""ilo-engage: the ILO's record of engagement with the private sector, as a Git-versioned YAML dataset."""

__version__ = "0.1.0"
