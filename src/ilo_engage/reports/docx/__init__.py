"""Word output: a report's Markdown as a DOCX styled by a reference document."""
