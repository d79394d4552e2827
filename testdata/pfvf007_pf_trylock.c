// SPDX-License-Identifier: GPL-2.0
/*
 * PFVF007: trylock of the PF's device lock from a VF callback does not
 * deadlock but fails whenever the PF is busy. seed 001's "VF can use
 * pci_dev_trylock() on PF" suggestion, and why it was rejected.
 */
#include <linux/pci.h>

struct vf_priv {
	struct mutex cfg_lock;
	int state;
};

/* bad: trylock of the PF, the success branch does the work */
static void bad_trylock_remove(struct pci_dev *pdev)
{
	struct pci_dev *pf = pci_physfn(pdev);

	if (!pci_dev_trylock(pf)) /* EXPECT PFVF007: 'pci_dev_trylock' */
		return;
	pci_dev_unlock(pf);
}

/* bad: device_trylock of the PF's struct device, in a helper */
static int try_pf(struct pci_dev *vf)
{
	return device_trylock(&vf->physfn->dev); /* EXPECT PFVF007 */
}

static int bad_helper_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	if (!try_pf(pdev))
		return -EBUSY;
	device_unlock(&pdev->physfn->dev);
	return 0;
}

/* good: a trylock of the driver's own mutex is none of our business */
static void good_own_trylock(struct pci_dev *pdev)
{
	struct vf_priv *priv = pci_get_drvdata(pdev);

	if (mutex_trylock(&priv->cfg_lock)) {
		priv->state = 0;
		mutex_unlock(&priv->cfg_lock);
	}
}

static struct pci_driver trylock_vf_driver = {
	.name = "trylock_vf",
	.probe = bad_helper_probe,
	.remove = bad_trylock_remove,
	.shutdown = good_own_trylock,
};

/*
 * check-name: PF device trylock from VF callbacks
 */
