// SPDX-License-Identifier: GPL-2.0
/*
 * Seed 003 after the fix: the VF's copy of the PF's vf_rlen is used, no
 * pci_get_pdev(); and a lookup that is kept passes the domain, which the
 * held pci_lock then satisfies. Silent.
 */
#include <xen/pci.h>

static u64 read_pci_mem_bar(struct pci_dev *pdev, u8 bir, int vf)
{
	if (vf >= 0)
		return pdev->info.vf_rlen[bir];
	return 0;
}

static struct pci_dev *lookup_in_domain(struct domain *d, struct pci_dev *pdev)
{
	return pci_get_pdev(d, pdev->sbdf);
}

static int msix_capability_init(struct domain *d, struct pci_dev *dev)
{
	int vf = dev->info.is_virtfn ? 0 : -1;

	return (int)read_pci_mem_bar(lookup_in_domain(d, dev), 2, vf);
}

static int physdev_map_pirq(int domid, struct pci_dev *pdev)
{
	struct domain *d = rcu_lock_domain_by_any_id(domid);
	int ret;

	read_lock(&d->pci_lock);
	ret = msix_capability_init(d, pdev);
	read_unlock(&d->pci_lock);
	return ret;
}

long do_physdev_op(int cmd, struct pci_dev *pdev)
{
	return physdev_map_pirq(cmd, pdev);
}

/*
 * check-name: seed 003 after the fix is silent
 */
