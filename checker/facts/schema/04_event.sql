-- What a function does, in CFG order. kind: 1 direct call (name, usr),
-- 2 call through a pointer (name is 'struct::field' or '?'), 3 the
-- '(void)(x)' a macro leaves (name is the macro: lockdep_assert_held),
-- 4 a comparison 'a == b' / 'a != b' of a call or member result (name is
-- the operator; driver identity checks, PFVF008, and VF tests), 5 a sparse
-- annotation of the call before it, 6 a store 'a->m = b' of a pointer
-- member, 7 a member read a branch tests ('if (!pdev->is_virtfn)'); the
-- list is facts/facts.h's enum event_kind.
-- 'args' is one expression per argument, separated by ';' (see
-- analysis/expr.h for the syntax). Numbers are never reused.
CREATE TABLE IF NOT EXISTS event (
	func INTEGER NOT NULL REFERENCES func(id) ON DELETE CASCADE,
	idx INTEGER NOT NULL,
	block INTEGER NOT NULL,
	kind INTEGER NOT NULL,
	name TEXT NOT NULL,
	usr TEXT,
	args TEXT NOT NULL,
	file TEXT NOT NULL,
	line INTEGER NOT NULL,
	col INTEGER NOT NULL,
	PRIMARY KEY (func, idx)
) WITHOUT ROWID;
