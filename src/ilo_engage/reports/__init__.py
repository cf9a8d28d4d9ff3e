"""Reports rendered from the records: the progress report to the Governing Body and the
registers as a document. Python builds a projection for the audience; Jinja templates
turn it into Markdown; the DOCX is built from that Markdown."""
