// SPDX-License-Identifier: GPL-2.0
/*
 * Seed 000 after the fix: the VF goes through pci_iov_get_pf_drvdata(),
 * which checks the PF's driver and relies on the PF disabling SR-IOV in
 * its .remove before freeing its drvdata. Nothing to report.
 */
#include <linux/pci.h>

struct mlx5_core_dev {
	int state;
};

extern struct pci_driver mlx5_core_driver;

static struct mlx5_core_dev *mlx5_vf_get_core_dev(struct pci_dev *pdev)
{
	struct mlx5_core_dev *mdev;

	mdev = pci_iov_get_pf_drvdata(pdev, &mlx5_core_driver);
	if (IS_ERR(mdev))
		return NULL;
	return mdev;
}

static int mlx5vf_pci_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct mlx5_core_dev *mdev = mlx5_vf_get_core_dev(pdev);

	return mdev ? 0 : -ENODEV;
}

static void mlx5vf_pci_remove(struct pci_dev *pdev)
{
	struct mlx5_core_dev *mdev = mlx5_vf_get_core_dev(pdev);

	if (mdev)
		mdev->state = 0;
}

static struct pci_driver mlx5vf_pci_driver = {
	.name = "mlx5_vfio_pci",
	.probe = mlx5vf_pci_probe,
	.remove = mlx5vf_pci_remove,
};

/*
 * check-name: seed 000, the pci_iov_get_pf_drvdata() idiom is silent
 */
