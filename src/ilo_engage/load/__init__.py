"""Files to records: settings, the dataset read whole, schema errors as problems."""
