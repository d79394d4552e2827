// SPDX-License-Identifier: GPL-2.0
/*
 * PFVF010: SR-IOV changes from contexts the PCI core does not serialise
 * (module init/exit, work items, netdev/devlink/debugfs ops) with no
 * device lock held race with sysfs sriov_numvfs and .remove.
 */
#include <linux/pci.h>

struct pf_priv {
	struct pci_dev *pdev;
	int num_vfs;
};

extern struct pf_priv *the_pf;

/* bad: a module parameter applied from module init */
static int bad_module_init(void)
{
	return pci_enable_sriov(the_pf->pdev, 4); /* EXPECT PFVF010: 'pci_enable_sriov' */
}

/* bad: a work item tearing VFs down */
static void bad_reset_work(struct pf_priv *pf)
{
	pci_disable_sriov(pf->pdev); /* EXPECT PFVF010 */
}

/* good: the same work, under the PF's device lock */
static void good_reset_work(struct pf_priv *pf)
{
	device_lock(&pf->pdev->dev);
	pci_disable_sriov(pf->pdev);
	device_unlock(&pf->pdev->dev);
}

/* good: .sriov_configure and .remove run under the device lock */
static int good_sriov_configure(struct pci_dev *pdev, int num_vfs)
{
	if (!num_vfs) {
		pci_disable_sriov(pdev);
		return 0;
	}
	return pci_enable_sriov(pdev, num_vfs);
}

static void good_remove(struct pci_dev *pdev)
{
	pci_disable_sriov(pdev);
}

static struct pci_driver pf_driver = {
	.name = "pf",
	.remove = good_remove,
	.sriov_configure = good_sriov_configure,
};

/* good: module exit reaches .remove through the core, which locks */
static void good_module_exit(void)
{
	pci_unregister_driver(&pf_driver);
}

/* bad: a vendor ops table no model describes: its caller is unknown */
struct pf_vendor_ops {
	void (*quiesce)(struct pci_dev *pdev);
};

static void bad_vendor_quiesce(struct pci_dev *pdev)
{
	pci_disable_sriov(pdev); /* EXPECT PFVF010 */
}

static const struct pf_vendor_ops pf_vendor_ops = {
	.quiesce = bad_vendor_quiesce,
};

/*
 * check-name: SR-IOV changes outside the core's serialisation
 */
