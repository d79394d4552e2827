// SPDX-License-Identifier: GPL-2.0
/*
 * PFVF006 where the fix goes: a helper asserts its caller holds the
 * device's config mutex. One caller takes it; two others, each of which
 * takes and drops the mutex on another path, call the helper without it.
 * Each of those calls is a finding of its own (the place to take the
 * lock), with the assertion as the related location.
 */
#include <linux/pci.h>

struct cfg_dev {
	struct mutex cfg_lock;
	int mode;
};

static void cfg_apply(struct cfg_dev *cd, int mode)
{
	lockdep_assert_held(&cd->cfg_lock); /* EXPECT-NOTE PFVF006 */
	cd->mode = mode;
}

/* good: the lock is held around the call */
static int cfg_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct cfg_dev *cd = pci_get_drvdata(pdev);

	mutex_lock(&cd->cfg_lock);
	cfg_apply(cd, 1);
	mutex_unlock(&cd->cfg_lock);
	return 0;
}

static void cfg_remove(struct pci_dev *pdev)
{
	struct cfg_dev *cd = pci_get_drvdata(pdev);

	mutex_lock(&cd->cfg_lock);
	cd->mode = 0;
	mutex_unlock(&cd->cfg_lock);
	cfg_apply(cd, 0); /* EXPECT PFVF006: 'cfg_dev::cfg_lock' */
}

static int cfg_sriov_configure(struct pci_dev *pdev, int num_vfs)
{
	struct cfg_dev *cd = pci_get_drvdata(pdev);

	if (num_vfs) {
		mutex_lock(&cd->cfg_lock);
		cfg_apply(cd, 2);
		mutex_unlock(&cd->cfg_lock);
		return pci_enable_sriov(pdev, num_vfs);
	}
	pci_disable_sriov(pdev);
	cfg_apply(cd, 1); /* EXPECT PFVF006: 'cfg_dev::cfg_lock' */
	return 0;
}

static struct pci_driver cfg_driver = {
	.name = "cfg",
	.probe = cfg_probe,
	.remove = cfg_remove,
	.sriov_configure = cfg_sriov_configure,
};

/*
 * check-name: one good and two bad callers of a helper that asserts its lock
 */
