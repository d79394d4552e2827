// SPDX-License-Identifier: GPL-2.0
/* The PF module: a work item syncs the device outside the PCI core's locks. */
#include <linux/module.h>
#include "sfx.h"

static void sfx_sync_work(struct work_struct *work)
{
	struct sfx_pf *pf = container_of(work, struct sfx_pf, sync_work);

	sfx_sync(pf->pdev);
}

static int sfx_pf_sriov_configure(struct pci_dev *pdev, int num_vfs)
{
	struct sfx_pf *pf = pci_get_drvdata(pdev);
	int err;

	if (!num_vfs) {
		pci_disable_sriov(pdev);
		pf->num_vfs = 0;
		return 0;
	}
	err = pci_enable_sriov(pdev, num_vfs);
	if (err)
		return err;
	pf->num_vfs = num_vfs;
	return num_vfs;
}

static int sfx_pf_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct sfx_pf *pf;

	if (pdev->is_virtfn)
		return -ENODEV;
	pf = devm_kzalloc(&pdev->dev, sizeof(*pf), GFP_KERNEL);
	if (!pf)
		return -ENOMEM;
	pf->pdev = pdev;
	INIT_WORK(&pf->sync_work, sfx_sync_work);
	pci_set_drvdata(pdev, pf);
	schedule_work(&pf->sync_work);
	return 0;
}

static void sfx_pf_remove(struct pci_dev *pdev)
{
	struct sfx_pf *pf = pci_get_drvdata(pdev);

	pci_disable_sriov(pdev);
	cancel_work_sync(&pf->sync_work);
}

static const struct pci_device_id sfx_pf_ids[] = {
	{ PCI_DEVICE(0x1d0f, 0x0a50) },
	{ }
};
MODULE_DEVICE_TABLE(pci, sfx_pf_ids);

static struct pci_driver sfx_pf_driver = {
	.name = "sfx_pf",
	.id_table = sfx_pf_ids,
	.probe = sfx_pf_probe,
	.remove = sfx_pf_remove,
	.sriov_configure = sfx_pf_sriov_configure,
};
module_pci_driver(sfx_pf_driver);
MODULE_LICENSE("GPL");
