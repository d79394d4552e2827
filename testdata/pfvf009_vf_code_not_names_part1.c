// SPDX-License-Identifier: GPL-2.0
/* The VF driver of pfvf009_vf_code_not_names.c and pfvf009_rtnl_held_by_core.c: a hex id, and a probe that refuses PFs. */
#include <linux/pci.h>
#include <linux/netdevice.h>

struct hxb_adapter {
	struct net_device *netdev;
};

static const struct pci_device_id hxb_pci_tbl[] = {
	{ PCI_DEVICE(0x8086, 0x10ca) },
	{ 0 }
};

static int hxb_probe(struct pci_dev *pdev, const struct pci_device_id *ent)
{
	struct hxb_adapter *adapter;

	if (!pdev->is_virtfn)
		return -ENODEV;
	adapter = kzalloc(sizeof(*adapter), GFP_KERNEL);
	if (!adapter)
		return -ENOMEM;
	pci_set_drvdata(pdev, adapter);
	return register_netdev(adapter->netdev);
}

static void hxb_remove(struct pci_dev *pdev)
{
	struct hxb_adapter *adapter = pci_get_drvdata(pdev);

	unregister_netdev(adapter->netdev); /* EXPECT-NOTE PFVF009 */
}

static struct pci_driver hxb_driver = {
	.name = "hxb",
	.id_table = hxb_pci_tbl,
	.probe = hxb_probe,
	.remove = hxb_remove, /* EXPECT-NOTE PFVF009 */
};
