"""The results desk: timing imports, decisions, classification and revisions."""
