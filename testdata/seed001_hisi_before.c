// SPDX-License-Identifier: GPL-2.0
/*
 * Seed 001 (hisi_acc_vfio_pci live migration, v3 review): the VF driver
 * reads the PF's hisi_qm with pci_get_drvdata(pdev->physfn), and the
 * suggested fixes were device_lock() of the PF ("Holding the
 * device_lock() sufficient here?") and pci_dev_trylock() of the PF.
 */
#include <linux/pci.h>

struct hisi_qm {
	int qp_num;
};

/* v3: no lock, no lifetime management */
static struct hisi_qm *hisi_acc_get_pf_qm(struct pci_dev *pdev)
{
	struct pci_dev *pf = pdev->physfn;

	if (!pdev->is_virtfn)
		return NULL;
	return pci_get_drvdata(pf); /* EXPECT PFVF002 */
}

/* suggestion 1: take the PF's device lock */
static struct hisi_qm *hisi_acc_get_pf_qm_locked(struct pci_dev *pdev)
{
	struct pci_dev *pf = pdev->physfn;
	struct hisi_qm *qm;

	device_lock(&pf->dev); /* EXPECT PFVF001 */
	qm = pci_get_drvdata(pf);
	device_unlock(&pf->dev);
	return qm;
}

/* suggestion 2: trylock the PF */
static struct hisi_qm *hisi_acc_get_pf_qm_trylock(struct pci_dev *pdev)
{
	struct pci_dev *pf = pdev->physfn;
	struct hisi_qm *qm;

	if (!pci_dev_trylock(pf)) /* EXPECT PFVF007 */
		return NULL;
	qm = pci_get_drvdata(pf);
	pci_dev_unlock(pf);
	return qm;
}

static int hisi_acc_vfio_pci_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct hisi_qm *a = hisi_acc_get_pf_qm(pdev);
	struct hisi_qm *b = hisi_acc_get_pf_qm_locked(pdev);
	struct hisi_qm *c = hisi_acc_get_pf_qm_trylock(pdev);

	return a && b && c ? 0 : -ENODEV;
}

static struct pci_driver hisi_acc_vfio_pci_driver = {
	.name = "hisi-acc-vfio-pci",
	.probe = hisi_acc_vfio_pci_probe,
};

/*
 * check-name: seed 001, the three ways the review rejected
 */
