// SPDX-License-Identifier: GPL-2.0
/*
 * PFVF001: a VF driver's callbacks run under the VF's device lock; taking
 * the PF's device lock from them deadlocks against pci_disable_sriov().
 * bad_* cases must be reported on the marked line, good_* ones not.
 */
#include <linux/pci.h>

struct vf_priv {
	struct pci_dev *pdev;
	struct mutex lock;
};

/* bad: the PF's lock directly in probe, through ->physfn */
static int bad_direct_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	device_lock(&pdev->physfn->dev); /* EXPECT PFVF001: 'device_lock(PF(SELF))' */
	device_unlock(&pdev->physfn->dev);
	return 0;
}

/* bad: a helper two levels down, the PF passed as its parameter */
static void lock_it(struct pci_dev *p)
{
	pci_dev_lock(p); /* EXPECT PFVF001 */
}

static void lock_pf(struct pci_dev *pf)
{
	lock_it(pf); /* EXPECT-NOTE PFVF001 */
	pci_dev_unlock(pf);
}

static void bad_helper_remove(struct pci_dev *pdev)
{
	lock_pf(pci_physfn(pdev)); /* EXPECT-NOTE PFVF001 */
}

/* good: the VF's own lock is not the PF's (and is held anyway) */
static void good_own_lock(struct pci_dev *pdev)
{
	struct vf_priv *priv = pci_get_drvdata(pdev);

	mutex_lock(&priv->lock);
	mutex_unlock(&priv->lock);
}

static struct pci_driver bad_vf_driver = {
	.name = "bad_vf",
	.probe = bad_direct_probe,
	.remove = bad_helper_remove,
	.shutdown = good_own_lock,
};

/* bad: a local assigned from pci_physfn(), and guard(device) */
static int bad_guard_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct pci_dev *pf = pci_physfn(pdev);

	guard(device)(&pf->dev); /* EXPECT PFVF001 */
	return 0;
}

/* bad: scoped_guard on the PF, reached through to_pci_dev() */
static void bad_scoped_remove(struct pci_dev *pdev)
{
	struct device *dev = &pdev->dev;
	struct pci_dev *vf = to_pci_dev(dev);

	scoped_guard(device, &vf->physfn->dev) { /* EXPECT PFVF001 */
		vf->devfn = 0;
	}
}

/* good: the lock is taken and released before anything else */
static void good_after_unlock(struct pci_dev *pdev)
{
	struct vf_priv *priv = pci_get_drvdata(pdev);

	mutex_lock(&priv->lock);
	mutex_unlock(&priv->lock);
}

static struct pci_driver guard_vf_driver = {
	.name = "guard_vf",
	.probe = bad_guard_probe,
	.remove = bad_scoped_remove,
	.shutdown = good_after_unlock,
};

/* bad: an error handler (runs under the device lock) on a goto error path */
static pci_ers_result_t bad_goto_error_detected(struct pci_dev *pdev, pci_channel_state_t state)
{
	struct pci_dev *pf;

	if (!pdev->is_virtfn)
		goto out;
	pf = pdev->physfn;
	if (state)
		goto lock;
	return 0;
lock:
	pci_dev_lock(pf); /* EXPECT PFVF001 */
	pci_dev_unlock(pf);
out:
	return 1;
}

/* good: a PF-only callback may lock other things; its own lock is held by the core */
static int good_sriov_configure(struct pci_dev *pdev, int num_vfs)
{
	return num_vfs ? pci_enable_sriov(pdev, num_vfs) : 0;
}

static const struct pci_error_handlers err_handlers = {
	.error_detected = bad_goto_error_detected,
};

static struct pci_driver err_driver = {
	.name = "err_vf",
	.err_handler = &err_handlers,
	.sriov_configure = good_sriov_configure,
};

/*
 * check-name: PF device lock from VF callbacks
 */
