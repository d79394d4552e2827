/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SFX_H
#define SFX_H
#include <linux/pci.h>
#include <linux/workqueue.h>

struct sfx_pf {
	struct pci_dev *pdev;
	struct work_struct sync_work;
	int num_vfs;
};

void sfx_sync(struct pci_dev *pdev);
#endif
