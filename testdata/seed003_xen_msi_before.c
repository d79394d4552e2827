// SPDX-License-Identifier: GPL-2.0
/*
 * Seed 003 (Xen, "x86/msi: fix locking for SR-IOV devices"), before: since
 * 4f78438b45e2 the MSI path holds the domain's pci_lock instead of
 * pcidevs_lock, but read_pci_mem_bar() still looks the PF up with
 * pci_get_pdev(NULL, ...), whose assertion needs pcidevs_lock when no
 * domain is given: "Assertion 'd || pcidevs_locked()' failed".
 */
#include <xen/pci.h>

static u64 read_pci_mem_bar(u16 seg, u8 bus, u8 slot, u8 func, u8 bir, int vf)
{
	if (vf >= 0) {
		struct pci_dev *pdev = pci_get_pdev(NULL, PCI_SBDF(seg, bus, slot, func)); /* EXPECT PFVF006: 'pcidevs_lock' */

		return pdev ? pdev->info.vf_rlen[bir] : 0;
	}
	return 0;
}

static int msix_capability_init(struct pci_dev *dev)
{
	int vf = dev->info.is_virtfn ? 0 : -1;

	return (int)read_pci_mem_bar(0, 1, 0, 0, 2, vf); /* EXPECT-NOTE PFVF006 */
}

static int allocate_and_map_msi_pirq(struct domain *d, struct pci_dev *pdev)
{
	return msix_capability_init(pdev);
}

static int physdev_map_pirq(int domid, struct pci_dev *pdev)
{
	struct domain *d = rcu_lock_domain_by_any_id(domid);
	int ret;

	read_lock(&d->pci_lock);
	ret = allocate_and_map_msi_pirq(d, pdev);
	read_unlock(&d->pci_lock);
	return ret;
}

long do_physdev_op(int cmd, struct pci_dev *pdev)
{
	return physdev_map_pirq(cmd, pdev);
}

/*
 * check-name: seed 003, pci_get_pdev(NULL) under the domain's pci_lock only
 */
