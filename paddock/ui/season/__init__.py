"""The season's header and its set-up: calendar, sessions, classes."""
