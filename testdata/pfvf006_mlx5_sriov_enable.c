// SPDX-License-Identifier: GPL-2.0
/*
 * PFVF006, the mlx5 shape of 6.1: mlx5_sriov_enable()'s error path after
 * a failed pci_enable_sriov() calls mlx5_device_disable_sriov() without
 * devl_lock, though it requires it; 6.12 takes the lock (good twin in
 * pfvf006_mlx5_sriov_enable_fixed.c). Also a lockdep_assert_held() that
 * compiles to '(void)(l)' without lockdep.
 */
#include <linux/pci.h>
#include <net/devlink.h>

struct mlx5_core_dev {
	struct devlink *devlink;
	struct mutex state_lock;
	int num_vfs;
};

static void mlx5_device_disable_sriov(struct mlx5_core_dev *dev)
{
	devl_assert_locked(dev->devlink); /* EXPECT-NOTE PFVF006 */
	dev->num_vfs = 0;
}

static int mlx5_device_enable_sriov(struct mlx5_core_dev *dev, int num_vfs)
{
	devl_assert_locked(dev->devlink);
	dev->num_vfs = num_vfs;
	return 0;
}

static int bad_sriov_configure(struct pci_dev *pdev, int num_vfs)
{
	struct mlx5_core_dev *dev = pci_get_drvdata(pdev);
	int err;

	devl_lock(dev->devlink);
	err = mlx5_device_enable_sriov(dev, num_vfs);
	devl_unlock(dev->devlink);
	if (err)
		return err;
	err = pci_enable_sriov(pdev, num_vfs);
	if (err)
		mlx5_device_disable_sriov(dev); /* EXPECT PFVF006: 'devlink::lock' */
	return err;
}

static void update_state(struct mlx5_core_dev *dev)
{
	lockdep_assert_held(&dev->state_lock); /* EXPECT-NOTE PFVF006 */
	dev->num_vfs++;
}

/* bad: one path reaches update_state() without state_lock */
static void bad_remove(struct pci_dev *pdev)
{
	struct mlx5_core_dev *dev = pci_get_drvdata(pdev);

	if (dev->num_vfs)
		mutex_lock(&dev->state_lock);
	update_state(dev); /* EXPECT PFVF006: 'mlx5_core_dev::state_lock' */
	if (dev->num_vfs)
		mutex_unlock(&dev->state_lock);
}

static struct pci_driver mlx5_core_driver = {
	.name = "mlx5_core",
	.remove = bad_remove,
	.sriov_configure = bad_sriov_configure,
};

/*
 * check-name: callee lock requirements on error and conditional paths
 */
