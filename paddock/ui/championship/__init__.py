"""The Championship page: drivers', class and team standings."""
