"""The Entries page: the entry list and the entry dialog."""
