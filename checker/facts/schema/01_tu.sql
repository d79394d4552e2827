-- One row per translation unit. 'hash' covers the main file, every header it
-- included, the filtered flags and the extractor version; a TU whose hash is
-- unchanged is not parsed again. status: 0 parsed cleanly, 1 parsed with
-- error diagnostics (facts kept, TU reported), 2 failed to parse (no facts).
CREATE TABLE IF NOT EXISTS tu (
	id INTEGER PRIMARY KEY,
	file TEXT NOT NULL UNIQUE,
	directory TEXT NOT NULL,
	flags TEXT NOT NULL,
	module TEXT,		-- the kbuild module of its object (KBUILD_MODNAME), or NULL
	hash TEXT NOT NULL,
	status INTEGER NOT NULL,
	diag TEXT,
	scanned_at INTEGER NOT NULL
);
