"""The static web site: the registers and dossiers for all staff (para 3(d)), the guide for
companies (para 25). Built from the same projections as every other output, written as plain
files that read from a file share, an intranet folder or a static host."""
