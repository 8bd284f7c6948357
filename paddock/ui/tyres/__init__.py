"""The tyre desk: register, check, correct and list the season's slicks."""
