// SPDX-License-Identifier: GPL-2.0
/*
 * PFVF009 in a driver bound to both its PF and its VFs (the bnxt and
 * mlx4 shape): .remove holds locks across pci_disable_sriov(), and the
 * same .remove, run for each VF inside that call, takes locks of the same
 * classes. rtnl is one lock: the VF's .remove waits for the PF's thread.
 * The private struct's mutex is, for the VF, its own instance of the
 * class: lockdep reports the nesting as recursive locking, and the
 * finding says so. The devlink lock has a lockdep class per instance
 * (devlink_alloc): the VF's is its own, silent, also as a lock order.
 */
#include <linux/pci.h>
#include <linux/netdevice.h>
#include <net/devlink.h>

#define FOO_VF_ID 0x1807

struct foo_priv {
	struct mutex state_lock;
	struct devlink *devlink;
	struct net_device *netdev;
};

static const struct pci_device_id foo_pci_tbl[] = {
	{ PCI_DEVICE(0x14e4, 0x16d7) },
	{ PCI_DEVICE(0x14e4, FOO_VF_ID) },
	{ 0 }
};

static void foo_remove(struct pci_dev *pdev)
{
	struct foo_priv *priv = pci_get_drvdata(pdev);

	devl_lock(priv->devlink);
	pci_disable_sriov(pdev);
	devl_unlock(priv->devlink);

	mutex_lock(&priv->state_lock); /* EXPECT-NOTE PFVF009 */
	pci_disable_sriov(pdev); /* EXPECT PFVF009: 'takes that class: the PCI core runs it inside that call (lockdep: recursive locking; a deadlock if the VF' */
	mutex_unlock(&priv->state_lock);

	rtnl_lock(); /* EXPECT-NOTE PFVF009 */
	if (pci_num_vf(pdev))
		pci_disable_sriov(pdev); /* EXPECT PFVF009: 'takes it: the PCI core runs it inside that call' */
	rtnl_unlock();
	unregister_netdev(priv->netdev);
}

static struct pci_driver foo_driver = {
	.name = "foo",
	.id_table = foo_pci_tbl,
	.remove = foo_remove,
};

/*
 * check-name: per-device locks of a driver bound to its PF and its VFs
 * check-rename-known-to-fail: only the macro name FOO_VF_ID says the driver binds its own VFs
 */
