// SPDX-License-Identifier: GPL-2.0
/*
 * PFVF005, a91ee0e9fca9 ("PCI: Fix lock order in pci_dev_lock"): the old
 * pci_dev_lock() took the config-space access lock before the device lock
 * (pfvf005_cfg_access_order_part1.c, the old core's reset path), while
 * sriov_numvfs_store() holds the PF's device lock across .sriov_configure,
 * whose pci_enable_sriov() takes the PF's config-space access lock. The
 * cycle appears only across the two files.
 */
#include <linux/pci.h>

static int pf_sriov_configure(struct pci_dev *pdev, int nr_virtfn)
{
	return pci_enable_sriov(pdev, nr_virtfn); /* EXPECT PFVF005: 'pci_cfg_access' */
}

static struct pci_driver cfg_pf_driver = {
	.name = "cfg_pf",
	.sriov_configure = pf_sriov_configure,
};

/*
 * check-name: old pci_dev_lock order against sriov_numvfs_store
 * check-files: pfvf005_cfg_access_order_part1.c
 * check-command: --rules $TESTDATA/rules_old_core
 */
