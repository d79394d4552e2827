// SPDX-License-Identifier: GPL-2.0
/* The VF driver of pfvf009_hns3_module_exit.c: .remove takes hnae3_common_lock. */
#include <linux/pci.h>

#define HNAE3_DEV_ID_VF 0xa22e

DEFINE_MUTEX(hnae3_common_lock);

static const struct pci_device_id hclgevf_pci_tbl[] = {
	{ PCI_DEVICE(0x19e5, HNAE3_DEV_ID_VF) },
	{ 0 }
};

static void hclgevf_remove(struct pci_dev *pdev)
{
	mutex_lock(&hnae3_common_lock); /* EXPECT-NOTE PFVF009 */
	mutex_unlock(&hnae3_common_lock);
}

static struct pci_driver hclgevf_driver = {
	.name = "hclgevf",
	.id_table = hclgevf_pci_tbl,
	.remove = hclgevf_remove,
};
