// SPDX-License-Identifier: GPL-2.0
/*
 * PFVF005 and locks a callee drops, in the sfc reset shape: reset_down()
 * returns holding the config-space lock then rss_lock; reset_up() drops
 * them before reconfigure() takes the config-space lock again, so that
 * path has no order rss_lock -> config space. Taking it while still
 * holding rss_lock (bad_remove) is a real inversion, and one lockdep
 * cannot report (the config-space lock is not a lockdep lock).
 */
#include <linux/pci.h>

void pci_cfg_access_lock(struct pci_dev *dev);
void pci_cfg_access_unlock(struct pci_dev *dev);

struct nic {
	struct mutex mac_lock;
	struct mutex rss_lock;
};

static void reset_down(struct pci_dev *pdev, struct nic *n)
{
	mutex_lock(&n->mac_lock);
	pci_cfg_access_lock(pdev);
	mutex_lock(&n->rss_lock); /* EXPECT PFVF005: 'nic::rss_lock' */
}

static void reconfigure(struct pci_dev *pdev)
{
	pci_cfg_access_lock(pdev); /* EXPECT-NOTE PFVF005 */
	pci_cfg_access_unlock(pdev);
}

static void reset_up(struct pci_dev *pdev, struct nic *n)
{
	mutex_unlock(&n->rss_lock);
	pci_cfg_access_unlock(pdev);
	mutex_unlock(&n->mac_lock);
	reconfigure(pdev);
}

/* good: reconfigure() runs after reset_up() dropped the locks */
static int good_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct nic *n = pci_get_drvdata(pdev);

	reset_down(pdev, n);
	reset_up(pdev, n);
	return 0;
}

/* bad: rss_lock is still held when the config-space lock is taken */
static void bad_remove(struct pci_dev *pdev)
{
	struct nic *n = pci_get_drvdata(pdev);

	mutex_lock(&n->rss_lock);
	reconfigure(pdev);
	mutex_unlock(&n->rss_lock);
}

static struct pci_driver nic_driver = {
	.name = "nic",
	.probe = good_probe,
	.remove = bad_remove,
};

/*
 * check-name: a lock a callee releases first is not held at its effects
 */
