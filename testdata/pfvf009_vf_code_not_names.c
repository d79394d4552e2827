// SPDX-License-Identifier: GPL-2.0
/*
 * PFVF009 from the code, not from names: the igb shape again (rtnl held
 * across pci_disable_sriov() in the PF's .remove), but the VF driver
 * (pfvf009_vf_code_not_names_part1.c) lists its device as a bare hex id
 * and no identifier says "VF": its probe refusing PFs ('if
 * (!pdev->is_virtfn) return -ENODEV') is what makes it a VF driver, and
 * the adjacent device ids of one vendor are what pair it with this PF.
 */
#include <linux/pci.h>
#include <linux/netdevice.h>

struct hxa_adapter {
	struct pci_dev *pdev;
	struct net_device *netdev;
};

static const struct pci_device_id hxa_pci_tbl[] = {
	{ PCI_DEVICE(0x8086, 0x10c9) },
	{ 0 }
};

static void hxa_remove(struct pci_dev *pdev)
{
	struct hxa_adapter *adapter = pci_get_drvdata(pdev);

	rtnl_lock();
	pci_disable_sriov(pdev); /* EXPECT PFVF009: 'rtnl_mutex' */
	rtnl_unlock();
	unregister_netdev(adapter->netdev);
}

static struct pci_driver hxa_driver = {
	.name = "hxa",
	.id_table = hxa_pci_tbl,
	.remove = hxa_remove,
};

/*
 * check-name: a VF driver known by its probe's is_virtfn test and paired by its ids
 * check-files: pfvf009_vf_code_not_names_part1.c
 */
