-- CFG edges. Block 0 is the entry, block 1 the exit. 'cond' is the index of
-- the call event whose result decides the branch (-1 if none) and
-- 'polarity' 1 when the edge is taken on a non-zero result. 'param' is the
-- parameter the branch condition tests ('if (locked)', 'if (state > D0)'),
-- or -1: what follows depends on the caller's argument. 'param_truth' says
-- which value of it takes the edge when the test is the parameter itself:
-- 1 non-zero ('if (locked)'), 0 zero ('if (!locked)'); -1: another test
-- of it ('if (state > D0)'), which marks the edge where it holds only.
CREATE TABLE IF NOT EXISTS edge (
	func INTEGER NOT NULL REFERENCES func(id) ON DELETE CASCADE,
	src INTEGER NOT NULL,
	dst INTEGER NOT NULL,
	cond INTEGER NOT NULL,
	polarity INTEGER NOT NULL,
	param INTEGER NOT NULL,
	param_truth INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS edge_func ON edge(func);
