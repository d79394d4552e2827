// SPDX-License-Identifier: GPL-2.0
/*
 * PFVF009 through a lock the networking core holds: ixgbe's shape, where
 * .ndo_fcoe_enable (which fcoe_interface_setup() calls with rtnl held,
 * rules/netdev.yaml) re-initialises interrupts and so disables SR-IOV. The VF driver
 * (pfvf009_vf_code_not_names_part1.c) calls unregister_netdev() in
 * .remove, which takes rtnl, inside that pci_disable_sriov(). The driver
 * takes no lock itself: without the core's model the callback would be a
 * root with nothing held and the deadlock invisible. It is unserialised
 * against sriov_numvfs as well (PFVF010).
 */
#include <linux/pci.h>
#include <linux/netdevice.h>

struct rtc_adapter {
	struct pci_dev *pdev;
	struct net_device *netdev;
	int num_tc;
};

static const struct pci_device_id rtc_pci_tbl[] = {
	{ PCI_DEVICE(0x8086, 0x10c9) },
	{ 0 }
};

static void rtc_clear_interrupt_scheme(struct rtc_adapter *adapter)
{
	pci_disable_sriov(adapter->pdev); /* EXPECT PFVF009: 'rtnl_mutex' */ /* EXPECT PFVF010 */
}

static int rtc_fcoe_enable(struct net_device *dev)
{
	struct rtc_adapter *adapter = netdev_priv(dev);

	adapter->num_tc = 1;
	rtc_clear_interrupt_scheme(adapter); /* EXPECT-NOTE PFVF009 */
	return 0;
}

/* good: .ndo_open does not change SR-IOV */
static int rtc_open(struct net_device *dev)
{
	struct rtc_adapter *adapter = netdev_priv(dev);

	adapter->num_tc = 0;
	return 0;
}

static const struct net_device_ops rtc_netdev_ops = {
	.ndo_open = rtc_open,
	.ndo_fcoe_enable = rtc_fcoe_enable,
};

static int rtc_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct rtc_adapter *adapter = pci_get_drvdata(pdev);

	adapter->netdev->flags = 0;
	return 0;
}

static int rtc_sriov_configure(struct pci_dev *pdev, int num_vfs)
{
	return num_vfs ? pci_enable_sriov(pdev, num_vfs) : 0;
}

static struct pci_driver rtc_driver = {
	.name = "rtc",
	.id_table = rtc_pci_tbl,
	.probe = rtc_probe,
	.sriov_configure = rtc_sriov_configure,
};

/*
 * check-name: rtnl held by the networking core across an SR-IOV disable
 * check-files: pfvf009_vf_code_not_names_part1.c
 */
