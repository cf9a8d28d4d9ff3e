"""The web editor for officers who do not use git: Decap CMS forms generated from the data contract.

`widgets.py` turns the models into form fields, `config.py` makes the collections and the whole
configuration with the dataset's units and topics, `files.py` writes (or checks) the dataset's
`admin/` folder; `admin/` here holds the page, its script and the npm files that install the editor.
"""
