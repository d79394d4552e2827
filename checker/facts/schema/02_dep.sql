-- Files a TU read (itself and its headers), to decide cheaply whether its
-- hash can still be right: unchanged mtime and size, or else same content.
CREATE TABLE IF NOT EXISTS dep (
	tu INTEGER NOT NULL REFERENCES tu(id) ON DELETE CASCADE,
	path TEXT NOT NULL,
	mtime INTEGER NOT NULL,
	size INTEGER NOT NULL,
	hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS dep_tu ON dep(tu);
