"""The Documents page: the catalogue's documents, previewed, printed and saved."""
