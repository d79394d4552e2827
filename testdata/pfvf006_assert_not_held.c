// SPDX-License-Identifier: GPL-2.0
/*
 * PFVF006, the other direction: a callee that must run without a lock
 * (lockdep_assert_not_held(), e.g. because it waits for work that takes
 * it) is called with that lock held on some path from a core callback.
 */
#include <linux/pci.h>

struct nh_priv {
	struct mutex lock;
	int vfs;
};

/* waits for the VF work, which takes priv->lock */
static void nh_flush_vf_work(struct nh_priv *priv)
{
	lockdep_assert_not_held(&priv->lock); /* EXPECT PFVF006: 'nh_priv::lock' not held */
}

/* bad: called with the lock held when VFs exist */
static void bad_remove(struct pci_dev *pdev)
{
	struct nh_priv *priv = pci_get_drvdata(pdev);

	mutex_lock(&priv->lock);
	if (priv->vfs)
		nh_flush_vf_work(priv); /* EXPECT-NOTE PFVF006 */
	mutex_unlock(&priv->lock);
}

/* good: the lock dropped first */
static void good_shutdown(struct pci_dev *pdev)
{
	struct nh_priv *priv = pci_get_drvdata(pdev);

	mutex_lock(&priv->lock);
	priv->vfs = 0;
	mutex_unlock(&priv->lock);
	nh_flush_vf_work(priv);
}

static struct pci_driver nh_driver = {
	.name = "nh",
	.remove = bad_remove,
	.shutdown = good_shutdown,
};
