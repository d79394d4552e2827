-- Function definitions seen in a TU: its own, and the header inlines it
-- calls. Linking: 'usr' for statics, 'name' for externs.
CREATE TABLE IF NOT EXISTS func (
	id INTEGER PRIMARY KEY,
	tu INTEGER NOT NULL REFERENCES tu(id) ON DELETE CASCADE,
	usr TEXT NOT NULL,
	name TEXT NOT NULL,
	is_static INTEGER NOT NULL,
	in_main INTEGER NOT NULL,
	file TEXT NOT NULL,
	line INTEGER NOT NULL,
	col INTEGER NOT NULL,
	nparams INTEGER NOT NULL,
	nblocks INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS func_tu ON func(tu);
CREATE INDEX IF NOT EXISTS func_name ON func(name);
