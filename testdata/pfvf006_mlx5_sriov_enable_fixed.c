// SPDX-License-Identifier: GPL-2.0
/*
 * PFVF006 fixed, as in 6.12: the error path takes devl_lock around
 * mlx5_device_disable_sriov(), and state_lock is held on every path to
 * update_state(). Silent.
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
	devl_assert_locked(dev->devlink);
	dev->num_vfs = 0;
}

static int good_sriov_configure(struct pci_dev *pdev, int num_vfs)
{
	struct mlx5_core_dev *dev = pci_get_drvdata(pdev);
	int err;

	err = pci_enable_sriov(pdev, num_vfs);
	if (err) {
		devl_lock(dev->devlink);
		mlx5_device_disable_sriov(dev);
		devl_unlock(dev->devlink);
	}
	return err;
}

static void update_state(struct mlx5_core_dev *dev)
{
	lockdep_assert_held(&dev->state_lock);
	dev->num_vfs++;
}

static void good_remove(struct pci_dev *pdev)
{
	struct mlx5_core_dev *dev = pci_get_drvdata(pdev);

	mutex_lock(&dev->state_lock);
	update_state(dev);
	mutex_unlock(&dev->state_lock);
}

/*
 * good: requirements that hold only for some argument values, as
 * pci_walk_bus_locked() behind 'if (locked)' in drivers/pci/pci.c and
 * vfio_pci_set_power_state()'s 'if (state > PCI_D0)' assertion: the
 * callers here pass the values that need no lock.
 */
static void walk_locked(struct mlx5_core_dev *dev)
{
	lockdep_assert_held(&dev->state_lock);
}

static void set_state(struct mlx5_core_dev *dev, bool locked)
{
	if (locked)
		walk_locked(dev);
}

static void set_power(struct mlx5_core_dev *dev, int state)
{
	if (state > 0)
		lockdep_assert_held(&dev->state_lock);
	dev->num_vfs = state;
}

static void good_shutdown(struct pci_dev *pdev)
{
	struct mlx5_core_dev *dev = pci_get_drvdata(pdev);

	set_state(dev, false);
	set_power(dev, 0);
}

static struct pci_driver mlx5_core_driver = {
	.name = "mlx5_core",
	.shutdown = good_shutdown,
	.remove = good_remove,
	.sriov_configure = good_sriov_configure,
};

/*
 * check-name: requirements met on every path are silent
 */
