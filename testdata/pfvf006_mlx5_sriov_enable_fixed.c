// SPDX-License-Identifier: GPL-2.0
/*
 * PFVF006 fixed, as in 6.12: the error path takes devl_lock around
 * mlx5_device_disable_sriov(), and state_lock is held on every path to
 * update_state(). Silent.
 */
#include <linux/pci.h>
#include <net/devlink.h>

struct selq {
	struct mutex *state_lock;	/* points to mlx5_core_dev::state_lock */
};

struct mlx5_core_dev {
	struct devlink *devlink;
	struct mutex state_lock;
	spinlock_t alloc_lock;
	struct selq selq;
	int num_vfs;
};

/* good: the requirement names the lock through a pointer member */
static void selq_prepare(struct selq *selq)
{
	lockdep_assert_held(selq->state_lock);
}

/* good: spin_lock_irqsave() is an acquisition of alloc_lock */
static void free_index(struct mlx5_core_dev *dev)
{
	lockdep_assert_held(&dev->alloc_lock);
}

static int good_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct mlx5_core_dev *dev = pci_get_drvdata(pdev);
	unsigned long flags;

	mutex_lock(&dev->state_lock);
	selq_prepare(&dev->selq);
	mutex_unlock(&dev->state_lock);
	spin_lock_irqsave(&dev->alloc_lock, flags);
	free_index(dev);
	spin_unlock_irqrestore(&dev->alloc_lock, flags);
	return 0;
}

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
	.probe = good_probe,
	.shutdown = good_shutdown,
	.remove = good_remove,
	.sriov_configure = good_sriov_configure,
};

/*
 * check-name: requirements met on every path are silent
 */
