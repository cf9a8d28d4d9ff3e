"""The registers for analysis: `ilo-engage export sqlite|csv|json`.

`tables` projects the dataset for an audience into tables (a table per kind of record, link tables
for lists, figures with their history); `write` writes them as a SQLite database with Datasette's
metadata, as CSV files, or as JSON.
"""
