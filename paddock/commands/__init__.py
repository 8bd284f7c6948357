"""Groups of `paddock` sub-commands, each registering itself on the main parser."""
