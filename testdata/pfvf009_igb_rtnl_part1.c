// SPDX-License-Identifier: GPL-2.0
/* The VF driver of pfvf009_igb_rtnl.c: its .remove takes rtnl. */
#include <linux/pci.h>
#include <linux/netdevice.h>

struct igbvf_adapter {
	struct net_device *netdev;
};

#define E1000_DEV_ID_82576_VF 0x10ca

static const struct pci_device_id igbvf_pci_tbl[] = {
	{ PCI_DEVICE(0x8086, E1000_DEV_ID_82576_VF) },
	{ 0 }
};

static void igbvf_remove(struct pci_dev *pdev)
{
	struct igbvf_adapter *adapter = pci_get_drvdata(pdev);

	unregister_netdev(adapter->netdev); /* EXPECT-NOTE PFVF009 */
}

static struct pci_driver igbvf_driver = {
	.name = "igbvf",
	.id_table = igbvf_pci_tbl,
	.remove = igbvf_remove,
};
