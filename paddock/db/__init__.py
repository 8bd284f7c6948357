"""The database: schema, engine, units of work and migrations. Only services use it."""
