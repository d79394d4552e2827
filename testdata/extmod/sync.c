// SPDX-License-Identifier: GPL-2.0
/* Shared by both modules: the PF's version serialises against SR-IOV changes. */
#include "sfx.h"

#ifdef SFX_VF
void sfx_sync(struct pci_dev *pdev)
{
	/* a VF has nothing of the PF's to wait for */
	pci_write_config_word(pdev, PCI_COMMAND, PCI_COMMAND_MEMORY);
}
#else
void sfx_sync(struct pci_dev *pdev)
{
	struct pci_dev *pf = pci_physfn(pdev);

	device_lock(&pf->dev);
	pci_write_config_word(pf, PCI_COMMAND, PCI_COMMAND_MEMORY);
	device_unlock(&pf->dev);
}
#endif
