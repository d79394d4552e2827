// SPDX-License-Identifier: GPL-2.0
/*
 * PFVF009, the igb shape (65f69851e44d): the PF's .remove holds rtnl
 * across pci_disable_sriov(); the VF driver (pfvf009_igb_rtnl_part1.c,
 * same vendor) calls unregister_netdev() in .remove, which takes rtnl.
 * The core runs VF .remove inside pci_disable_sriov(): self-deadlock.
 */
#include <linux/pci.h>
#include <linux/netdevice.h>

#define PCI_VENDOR_ID_INTEL 0x8086

struct igb_adapter {
	struct pci_dev *pdev;
	struct net_device *netdev;
	int vfs_allocated_count;
};

static const struct pci_device_id igb_pci_tbl[] = {
	{ PCI_DEVICE(PCI_VENDOR_ID_INTEL, 0x10c9) },
	{ 0 }
};

static void igb_disable_sriov(struct pci_dev *pdev)
{
	pci_disable_sriov(pdev); /* EXPECT PFVF009: 'rtnl_mutex' */
}

static void bad_igb_remove(struct pci_dev *pdev)
{
	struct igb_adapter *adapter = pci_get_drvdata(pdev);

	rtnl_lock();
	igb_disable_sriov(pdev); /* EXPECT-NOTE PFVF009 */
	rtnl_unlock();
	unregister_netdev(adapter->netdev);
}

/* good: the fix drops rtnl before disabling SR-IOV */
static int good_igb_sriov_configure(struct pci_dev *pdev, int num_vfs)
{
	if (!num_vfs) {
		pci_disable_sriov(pdev);
		return 0;
	}
	rtnl_lock();
	rtnl_unlock();
	return pci_enable_sriov(pdev, num_vfs);
}

static struct pci_driver igb_driver = {
	.name = "igb",
	.id_table = igb_pci_tbl,
	.remove = bad_igb_remove,
	.sriov_configure = good_igb_sriov_configure,
};

/*
 * check-name: rtnl held across pci_disable_sriov against VF remove
 * check-files: pfvf009_igb_rtnl_part1.c
 */
