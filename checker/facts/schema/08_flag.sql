-- libclang's verdict on a compiler option of the scanned commands that the
-- front end cannot judge by itself (frontend/probe.c parses a one-line file
-- with it): 'dropped' 1 when that libclang rejects it, with its first error
-- as 'reason'. Keyed by clang_getClangVersion() and the command's --target
-- ('' for libclang's default), so another libclang asks again. Not per TU:
-- a scan of other TUs reuses it.
CREATE TABLE IF NOT EXISTS flag (
	clang TEXT NOT NULL,
	target TEXT NOT NULL,
	option TEXT NOT NULL,
	dropped INTEGER NOT NULL,
	reason TEXT,
	PRIMARY KEY (clang, target, option)
) WITHOUT ROWID;
