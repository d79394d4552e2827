// SPDX-License-Identifier: GPL-2.0
/*
 * PFVF009, the igb fix: rtnl is dropped before pci_disable_sriov(), so the
 * VF's .remove (pfvf009_igb_rtnl_part1.c) can take it. Silent. A driver of
 * another vendor taking rtnl in .remove does not pair with this PF.
 */
#include <linux/pci.h>
#include <linux/netdevice.h>

struct igb_adapter {
	struct net_device *netdev;
};

static const struct pci_device_id igb_pci_tbl[] = {
	{ PCI_DEVICE(0x8086, 0x10c9) },
	{ 0 }
};

static void good_igb_remove(struct pci_dev *pdev)
{
	struct igb_adapter *adapter = pci_get_drvdata(pdev);

	rtnl_lock();
	rtnl_unlock();
	pci_disable_sriov(pdev);
	unregister_netdev(adapter->netdev);
}

/* another vendor's PF holding rtnl: its VFs are not igbvf's */
static const struct pci_device_id other_pci_tbl[] = {
	{ PCI_DEVICE(0x15b3, 0x1017) },
	{ 0 }
};

static void other_remove(struct pci_dev *pdev)
{
	rtnl_lock();
	pci_disable_sriov(pdev);
	rtnl_unlock();
}

static struct pci_driver igb_driver = {
	.name = "igb",
	.id_table = igb_pci_tbl,
	.remove = good_igb_remove,
};

static struct pci_driver other_driver = {
	.name = "other",
	.id_table = other_pci_tbl,
	.remove = other_remove,
};

/*
 * check-name: rtnl dropped before pci_disable_sriov is silent
 * check-files: pfvf009_igb_rtnl_part1.c
 */
