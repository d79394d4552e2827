// SPDX-License-Identifier: GPL-2.0
/*
 * One driver for the PF and its VFs, with hex ids only: .remove branches
 * on pdev->is_virtfn. The PF branch holds the driver's config mutex
 * across pci_disable_sriov(); the VF branch, which the core runs inside
 * that call, takes the same mutex: a self-deadlock. In the PF branch the
 * device's PF is itself, so reading its drvdata through pci_physfn() is
 * reading its own; in the VF branch it is the PF's (PFVF002).
 */
#include <linux/pci.h>

struct shd_priv {
	int nvfs;
};

static DEFINE_MUTEX(shd_cfg_lock);

static const struct pci_device_id shd_ids[] = {
	{ PCI_DEVICE(0x1d0f, 0x7a00) },
	{ PCI_DEVICE(0x1d0f, 0x7a01) },
	{ 0 }
};

static void shd_remove(struct pci_dev *pdev)
{
	struct shd_priv *priv = pci_get_drvdata(pci_physfn(pdev)); /* EXPECT PFVF002 */

	if (pdev->is_virtfn) {
		mutex_lock(&shd_cfg_lock); /* EXPECT-NOTE PFVF009 */
		mutex_unlock(&shd_cfg_lock);
		return;
	}
	mutex_lock(&shd_cfg_lock);
	pci_disable_sriov(pdev); /* EXPECT PFVF009: 'shd_cfg_lock' */
	priv->nvfs = 0;
	mutex_unlock(&shd_cfg_lock);
}

/* good: in the PF branch the device is its own PF: no foreign drvdata */
static int shd_sriov_configure(struct pci_dev *pdev, int num_vfs)
{
	struct shd_priv *priv;

	if (pci_physfn(pdev) != pdev)
		return -EINVAL;
	priv = pci_get_drvdata(pci_physfn(pdev));
	priv->nvfs = num_vfs;
	return num_vfs ? pci_enable_sriov(pdev, num_vfs) : 0;
}

static struct pci_driver shd_driver = {
	.name = "shd",
	.id_table = shd_ids,
	.remove = shd_remove, /* EXPECT-NOTE PFVF009 */
	.sriov_configure = shd_sriov_configure,
};

/*
 * check-name: a PF and VF driver in one, told apart by is_virtfn branches
 */
