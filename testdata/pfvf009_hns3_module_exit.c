// SPDX-License-Identifier: GPL-2.0
/*
 * PFVF009, the hns3 shape (92e599577377): module exit holds
 * hnae3_common_lock across pci_unregister_driver(); the core calls the PF
 * driver's .remove, which disables SR-IOV, so the VF driver's .remove
 * (pfvf009_hns3_module_exit_part1.c) runs inside and takes the same lock.
 */
#include <linux/pci.h>

#define PCI_VENDOR_ID_HUAWEI 0x19e5

extern struct mutex hnae3_common_lock;

static const struct pci_device_id hns3_pci_tbl[] = {
	{ PCI_DEVICE(PCI_VENDOR_ID_HUAWEI, 0xa222) },
	{ 0 }
};

static void hns3_remove(struct pci_dev *pdev)
{
	if (pci_num_vf(pdev))
		pci_disable_sriov(pdev); /* EXPECT PFVF009: 'hnae3_common_lock' */
}

static struct pci_driver hns3_driver = {
	.name = "hns3",
	.id_table = hns3_pci_tbl,
	.remove = hns3_remove,
};

static void bad_hns3_exit_module(void)
{
	mutex_lock(&hnae3_common_lock); /* EXPECT-NOTE PFVF009 */
	pci_unregister_driver(&hns3_driver); /* EXPECT-NOTE PFVF009 */
	mutex_unlock(&hnae3_common_lock);
}

/* good: the fix unregisters first, then takes the lock for its own work */
static void good_hns3_exit_module(void)
{
	pci_unregister_driver(&hns3_driver);
	mutex_lock(&hnae3_common_lock);
	mutex_unlock(&hnae3_common_lock);
}

/*
 * check-name: a lock held across pci_unregister_driver() against VF remove
 * check-files: pfvf009_hns3_module_exit_part1.c
 */
