"""Records from spreadsheets: `ilo-engage import`.

`sheets` reads a CSV, XLSX or ODS file into rows; `mapping` says which column fills which field
(read from a TOML file, or proposed from the header); `convert` turns cells into field values;
`dedupe` finds rows that repeat a registered record or an earlier row; `plan` builds and checks
every record and decides what would be written; `apply` writes it, all or nothing.
"""
