// SPDX-License-Identifier: GPL-2.0
/*
 * Seed 001 as merged: hisi_acc_get_pf_qm() uses pci_iov_get_pf_drvdata()
 * with the PF driver the VF's device id belongs to. Nothing to report.
 */
#include <linux/pci.h>

struct hisi_qm {
	int qp_num;
};

#define PCI_DEVICE_ID_HUAWEI_SEC_VF 0xa256
#define PCI_DEVICE_ID_HUAWEI_HPRE_VF 0xa259

struct pci_driver *hisi_sec_get_pf_driver(void);
struct pci_driver *hisi_hpre_get_pf_driver(void);

static struct hisi_qm *hisi_acc_get_pf_qm(struct pci_dev *pdev)
{
	struct pci_driver *pf_driver;
	struct hisi_qm *pf_qm;

	if (!pdev->is_virtfn)
		return NULL;
	switch (pdev->devfn) {
	case PCI_DEVICE_ID_HUAWEI_SEC_VF:
		pf_driver = hisi_sec_get_pf_driver();
		break;
	case PCI_DEVICE_ID_HUAWEI_HPRE_VF:
		pf_driver = hisi_hpre_get_pf_driver();
		break;
	default:
		return NULL;
	}
	if (!pf_driver)
		return NULL;
	pf_qm = pci_iov_get_pf_drvdata(pdev, pf_driver);
	return !IS_ERR(pf_qm) ? pf_qm : NULL;
}

static int hisi_acc_vfio_pci_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	return hisi_acc_get_pf_qm(pdev) ? 0 : -ENODEV;
}

static struct pci_driver hisi_acc_vfio_pci_driver = {
	.name = "hisi-acc-vfio-pci",
	.probe = hisi_acc_vfio_pci_probe,
};

/*
 * check-name: seed 001 as merged is silent
 */
