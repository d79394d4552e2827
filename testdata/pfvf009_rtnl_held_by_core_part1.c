// SPDX-License-Identifier: GPL-2.0
/* The VF driver of pfvf009_rtnl_held_by_core.c: its .remove takes rtnl. */
#include <linux/pci.h>
#include <linux/netdevice.h>

struct rtv_adapter {
	struct net_device *netdev;
};

static const struct pci_device_id rtv_pci_tbl[] = {
	{ PCI_DEVICE(0x8086, 0x1565) },
	{ 0 }
};

static int rtv_probe(struct pci_dev *pdev, const struct pci_device_id *ent)
{
	struct rtv_adapter *adapter;

	if (!pdev->is_virtfn)
		return -ENODEV;
	adapter = kzalloc(sizeof(*adapter), GFP_KERNEL);
	if (!adapter)
		return -ENOMEM;
	pci_set_drvdata(pdev, adapter);
	return register_netdev(adapter->netdev);
}

static void rtv_remove(struct pci_dev *pdev)
{
	struct rtv_adapter *adapter = pci_get_drvdata(pdev);

	unregister_netdev(adapter->netdev); /* EXPECT-NOTE PFVF009 */
}

static struct pci_driver rtv_driver = {
	.name = "rtv",
	.id_table = rtv_pci_tbl,
	.probe = rtv_probe,
	.remove = rtv_remove,
};
