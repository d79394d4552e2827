-- Functions and variables named in struct initializers (callback
-- registrations): 'static struct pci_driver d = { .probe = f }' is
-- (d, pci_driver, probe, f). target_kind: 1 function, 2 variable
-- ('.id_table = ids', '.err_handler = &handlers').
CREATE TABLE IF NOT EXISTS reg (
	tu INTEGER NOT NULL REFERENCES tu(id) ON DELETE CASCADE,
	var TEXT NOT NULL,
	struct_type TEXT NOT NULL,
	field TEXT NOT NULL,
	func_name TEXT NOT NULL,
	func_usr TEXT NOT NULL,
	target_kind INTEGER NOT NULL,
	file TEXT NOT NULL,
	line INTEGER NOT NULL,
	col INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS reg_tu ON reg(tu);
