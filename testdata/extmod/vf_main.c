// SPDX-License-Identifier: GPL-2.0
/* The VF module: its sfx_sync() is the VF build's, which takes no PF lock. */
#include <linux/module.h>
#include "sfx.h"

static int sfx_vf_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct sfx_pf *pf;

	if (!pdev->is_virtfn)
		return -ENODEV;
	pf = pci_get_drvdata(pci_physfn(pdev)); /* EXPECT PFVF002 */
	if (!pf || !pf->num_vfs)
		return -ENODEV;
	return 0;
}

static void sfx_vf_remove(struct pci_dev *pdev)
{
	sfx_sync(pdev);
}

static const struct pci_device_id sfx_vf_ids[] = {
	{ PCI_DEVICE(0x1d0f, 0x0a51) },
	{ }
};
MODULE_DEVICE_TABLE(pci, sfx_vf_ids);

static struct pci_driver sfx_vf_driver = {
	.name = "sfx_vf",
	.id_table = sfx_vf_ids,
	.probe = sfx_vf_probe,
	.remove = sfx_vf_remove,
};
module_pci_driver(sfx_vf_driver);
MODULE_LICENSE("GPL");
