// SPDX-License-Identifier: GPL-2.0
/*
 * Seed 002 ("VFs and the rescan/remove lock"): powerpc EEH removes a
 * normal device under pci_lock_rescan_remove() but a VF with
 * pci_iov_remove_virtfn() without it; and a driver's .remove that takes
 * the rescan lock itself deadlocks when the core calls it from sysfs
 * remove or hot-unplug, where the core already holds it.
 */
#include <linux/pci.h>

struct eeh_dev {
	struct pci_dev *pdev;
	struct pci_dev *physfn;
	int vf_index;
};

/* bad: the VF branch removes the device without the rescan lock */
void bad_eeh_rmv_device(struct eeh_dev *edev)
{
	if (edev->physfn) {
		pci_iov_remove_virtfn(edev->physfn, edev->vf_index); /* EXPECT PFVF004: 'pci_iov_remove_virtfn' */
	} else {
		pci_lock_rescan_remove();
		pci_stop_and_remove_bus_device(edev->pdev);
		pci_unlock_rescan_remove();
	}
}

/* good: both branches under the lock */
void good_eeh_rmv_device(struct eeh_dev *edev)
{
	pci_lock_rescan_remove();
	if (edev->physfn)
		pci_iov_remove_virtfn(edev->physfn, edev->vf_index);
	else
		pci_stop_and_remove_bus_device(edev->pdev);
	pci_unlock_rescan_remove();
}

/*
 * bad: .remove takes the lock the core holds on hot-unplug; and with no
 * id table this driver may bind its own VFs, whose .remove would wait for
 * the rescan lock held here across pci_disable_sriov() (PFVF009)
 */
static void bad_remove(struct pci_dev *pdev)
{
	pci_lock_rescan_remove(); /* EXPECT PFVF004: 'may already hold it' */
	pci_disable_sriov(pdev); /* EXPECT PFVF009: 'pci_rescan_remove_lock' */
	pci_unlock_rescan_remove();
}

/* good: .remove leaves the rescan lock to the core */
static void good_remove(struct pci_dev *pdev)
{
	pci_disable_sriov(pdev);
}

static struct pci_driver bad_driver = {
	.name = "bad",
	.remove = bad_remove,
};

static struct pci_driver good_driver = {
	.name = "good",
	.remove = good_remove,
};

/*
 * check-name: seed 002, the rescan/remove lock on removal paths
 */
