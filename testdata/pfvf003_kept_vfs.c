// SPDX-License-Identifier: GPL-2.0
/*
 * PFVF003, the VF side of the PF's lifetime: a PF driver that keeps its
 * VFs' pci_devs (as ixgbe's ixgbe_get_vfs() and xe's
 * xe_pci_pf_get_vf_dev() find them: a lookup filtered by 'physfn ==
 * pdev', or by the VF's devfn) and uses them after pci_disable_sriov()
 * has removed the VFs. Dropping the references afterwards is correct; so
 * is using the VFs before, or after enabling SR-IOV again and looking
 * them up anew. A member filled with a device that is not shown to be a
 * VF (the upstream bridge) is no kept VF, and freeing an allocated array
 * of kept VFs after the disable is no use of a VF.
 */
#include <linux/pci.h>

struct kept_vf {
	struct pci_dev *vfdev;
	int id;
};

struct pf_priv {
	struct pci_dev *pdev;
	struct pci_dev *bridge;
	struct kept_vf vfs[8];
	struct pci_dev *by_devfn[8];
	struct pci_dev **allocated;
	int num_vfs;
};

/* ixgbe_get_vfs(): walk the VF device id, keep those whose PF is ours */
static void get_vfs(struct pf_priv *priv, unsigned int vendor, unsigned int vf_id)
{
	struct pci_dev *pdev = priv->pdev;
	struct pci_dev *vfdev;
	int vf = 0;

	vfdev = pci_get_device(vendor, vf_id, NULL);
	for (; vfdev; vfdev = pci_get_device(vendor, vf_id, vfdev)) {
		if (!vfdev->is_virtfn)
			continue;
		if (vfdev->physfn != pdev)
			continue;
		pci_dev_get(vfdev);
		priv->vfs[vf].vfdev = vfdev;
		++vf;
	}
}

/* xe_pci_pf_get_vf_dev(): look a VF up by its devfn */
static void get_vfs_by_devfn(struct pf_priv *priv)
{
	struct pci_dev *pdev = priv->pdev;
	int i;

	for (i = 0; i < priv->num_vfs; i++) {
		priv->by_devfn[i] = pci_get_domain_bus_and_slot(0, pci_iov_virtfn_bus(pdev, i),
								pci_iov_virtfn_devfn(pdev, i));
		priv->allocated[i] = priv->by_devfn[i];
	}
	priv->bridge = pci_get_domain_bus_and_slot(0, 0, 0);
}

static void reset_vf(struct kept_vf *vf)
{
	pcie_flr(vf->vfdev); /* EXPECT PFVF003: 'after 'pci_disable_sriov()' removed the VFs' */
}

static void put_vfs(struct pf_priv *priv)
{
	int i;

	for (i = 0; i < priv->num_vfs; i++) {
		pci_dev_put(priv->vfs[i].vfdev);
		priv->vfs[i].vfdev = NULL;
	}
}

/* bad: the VFs are removed, then reset through the kept pointers */
static int bad_sriov_configure(struct pci_dev *pdev, int num_vfs)
{
	struct pf_priv *priv = pci_get_drvdata(pdev);
	int i;

	if (num_vfs)
		return 0;
	pci_disable_sriov(pdev); /* EXPECT-NOTE PFVF003 */
	for (i = 0; i < priv->num_vfs; i++)
		reset_vf(&priv->vfs[i]);
	put_vfs(priv);
	return 0;
}

static void disable_vfs(struct pf_priv *priv)
{
	pci_disable_sriov(priv->pdev); /* EXPECT-NOTE PFVF003 */
}

/* bad: a helper removed the VFs; the kept devfn lookups are read after */
static void bad_remove(struct pci_dev *pdev)
{
	struct pf_priv *priv = pci_get_drvdata(pdev);
	int i;

	disable_vfs(priv);
	for (i = 0; i < priv->num_vfs; i++)
		pci_restore_msi_state(priv->by_devfn[i]); /* EXPECT PFVF003: 'kept in 'pf_priv::by_devfn'' */
}

/* good: use the VFs while they exist, drop the references after */
static void good_remove(struct pci_dev *pdev)
{
	struct pf_priv *priv = pci_get_drvdata(pdev);
	int i;

	for (i = 0; i < priv->num_vfs; i++)
		reset_vf(&priv->vfs[i]);
	pci_disable_sriov(pdev);
	put_vfs(priv);
	kfree(priv->allocated);
	pcie_flr(priv->bridge);
}

/* good: VFs enabled again and looked up anew before they are used */
static int good_sriov_configure(struct pci_dev *pdev, int num_vfs)
{
	struct pf_priv *priv = pci_get_drvdata(pdev);
	int i;

	pci_disable_sriov(pdev);
	put_vfs(priv);
	if (pci_enable_sriov(pdev, num_vfs))
		return -1;
	get_vfs(priv, 0x8086, 0x10ed);
	get_vfs_by_devfn(priv);
	for (i = 0; i < num_vfs; i++)
		pci_restore_msi_state(priv->by_devfn[i]);
	return num_vfs;
}

static struct pci_driver bad_pf_driver = {
	.name = "bad_pf",
	.remove = bad_remove,
	.sriov_configure = bad_sriov_configure,
};

static struct pci_driver good_pf_driver = {
	.name = "good_pf",
	.remove = good_remove,
	.sriov_configure = good_sriov_configure,
};

/*
 * check-name: PF uses its kept VF pci_devs after pci_disable_sriov
 */
