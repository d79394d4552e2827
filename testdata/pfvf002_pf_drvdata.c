// SPDX-License-Identifier: GPL-2.0
/*
 * PFVF002: a VF reading its PF's drvdata (or another device's) without a
 * lifetime guarantee. pci_iov_get_pf_drvdata() is the checked accessor.
 */
#include <linux/pci.h>

struct pf_priv {
	struct mutex lock;
	int nvfs;
};

extern struct pci_driver my_pf_driver;

/* bad: straight through ->physfn in a VF probe */
static int bad_physfn_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct pf_priv *pf = pci_get_drvdata(pdev->physfn); /* EXPECT PFVF002: 'PF(SELF)' */

	return pf->nvfs;
}

/* bad: dev_get_drvdata() of the PF's struct device, two helpers down */
static struct pf_priv *pf_of(struct pci_dev *vf)
{
	return dev_get_drvdata(&pci_physfn(vf)->dev); /* EXPECT PFVF002 */
}

static int count_vfs(struct pci_dev *vf)
{
	return pf_of(vf)->nvfs; /* EXPECT-NOTE PFVF002 */
}

static void bad_helper_remove(struct pci_dev *pdev)
{
	count_vfs(pdev); /* EXPECT-NOTE PFVF002 */
}

/* good: the checked accessor, with its error check */
static void good_accessor_shutdown(struct pci_dev *pdev)
{
	struct pf_priv *pf = pci_iov_get_pf_drvdata(pdev, &my_pf_driver);

	if (IS_ERR(pf))
		return;
	pf->nvfs = 0;
}

static struct pci_driver my_vf_driver = {
	.name = "my_vf",
	.probe = bad_physfn_probe,
	.remove = bad_helper_remove,
	.shutdown = good_accessor_shutdown,
};

/* good: the core calls this with the PF's lock held (sriov_vf_msix_count_store) */
static int good_set_msix(struct pci_dev *vf, int count)
{
	struct pf_priv *pf = pci_get_drvdata(pci_physfn(vf));

	return pf->nvfs + count;
}

/* good: a PF callback reading its own drvdata */
static int good_own_sriov_configure(struct pci_dev *pdev, int num_vfs)
{
	struct pf_priv *pf = pci_get_drvdata(pdev);

	pf->nvfs = num_vfs;
	return 0;
}

/* bad: a device found by bus/slot lookup is not ours to read */
static void bad_lookup_remove(struct pci_dev *pdev)
{
	struct pci_dev *peer = pci_get_domain_bus_and_slot(0, 1, 0);
	struct pf_priv *p = pci_get_drvdata(peer); /* EXPECT PFVF002: 'OTHER' */

	p->nvfs = 0;
	pci_dev_put(peer);
}

/* good: own drvdata in remove */
static int good_own_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct pf_priv *pf = pci_get_drvdata(pdev);

	return pf->nvfs;
}

struct pci_driver my_pf_driver = {
	.name = "my_pf",
	.probe = good_own_probe,
	.remove = bad_lookup_remove,
	.sriov_configure = good_own_sriov_configure,
	.sriov_set_msix_vec_count = good_set_msix,
};

/*
 * check-name: PF and foreign drvdata reads
 */
