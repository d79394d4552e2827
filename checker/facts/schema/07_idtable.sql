-- Entries of 'struct pci_device_id' tables: which devices a driver binds.
-- Drivers sharing a vendor are paired as PF and VF drivers. 'vf' is 1 when
-- the entry's source names a VF ('IXGBE_DEV_ID_82599_VF'): kernel drivers
-- mark VF ids so, and it is the evidence that the driver binds VFs.
CREATE TABLE IF NOT EXISTS idtable (
	tu INTEGER NOT NULL REFERENCES tu(id) ON DELETE CASCADE,
	var TEXT NOT NULL,
	vendor INTEGER NOT NULL,
	device INTEGER NOT NULL,
	vf INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS idtable_tu ON idtable(tu);
