-- Key/value facts about the database itself; 'schema_version' must match
-- FACTS_SCHEMA_VERSION in facts/db.h or the database is rebuilt.
CREATE TABLE IF NOT EXISTS meta (
	key TEXT PRIMARY KEY,
	value TEXT NOT NULL
);
