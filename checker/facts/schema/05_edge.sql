-- CFG edges. Block 0 is the entry, block 1 the exit. 'cond' is the index of
-- the call event whose result decides the branch (-1 if none) and
-- 'polarity' 1 when the edge is taken on a non-zero result. 'param' is the
-- parameter the branch condition tests ('if (locked)', 'if (state > D0)'),
-- or -1: what follows depends on the caller's argument.
CREATE TABLE IF NOT EXISTS edge (
	func INTEGER NOT NULL REFERENCES func(id) ON DELETE CASCADE,
	src INTEGER NOT NULL,
	dst INTEGER NOT NULL,
	cond INTEGER NOT NULL,
	polarity INTEGER NOT NULL,
	param INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS edge_func ON edge(func);
