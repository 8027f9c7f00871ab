"""Store layer: engine from a URL, sessions (unit of work), queries, migrations. No Qt."""
