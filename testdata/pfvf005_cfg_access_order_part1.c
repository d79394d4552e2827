// SPDX-License-Identifier: GPL-2.0
/* The old core's pci_dev_lock() order and the reset path that used it. */
#include <linux/pci.h>

static void old_pci_dev_lock(struct pci_dev *dev)
{
	pci_cfg_access_lock(dev);
	device_lock(&dev->dev); /* EXPECT-NOTE PFVF005 */
}

static void old_pci_dev_unlock(struct pci_dev *dev)
{
	device_unlock(&dev->dev);
	pci_cfg_access_unlock(dev);
}

int old_reset_store(struct pci_dev *dev)
{
	old_pci_dev_lock(dev);
	old_pci_dev_unlock(dev);
	return 0;
}
