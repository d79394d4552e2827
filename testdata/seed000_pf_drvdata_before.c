// SPDX-License-Identifier: GPL-2.0
/*
 * Seed 000 (commit a7e9f240, "PCI/IOV: Add pci_iov_get_pf_drvdata()"),
 * before: a VF driver reaching its PF's drvdata the way a foreign struct
 * device is normally protected, with the PF's device_lock(). That is the
 * ABBA deadlock the commit describes: the PF's lock is held across
 * pci_disable_sriov(), which takes each VF's lock to call VF .remove.
 */
#include <linux/pci.h>

struct mlx5_core_dev {
	int state;
};

static struct mlx5_core_dev *mlx5_vf_get_core_dev(struct pci_dev *pdev)
{
	struct pci_dev *pf = pdev->physfn;
	struct mlx5_core_dev *mdev;

	device_lock(&pf->dev); /* EXPECT PFVF001 */
	mdev = pci_get_drvdata(pf);
	device_unlock(&pf->dev);
	return mdev;
}

static int mlx5vf_pci_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct mlx5_core_dev *mdev = mlx5_vf_get_core_dev(pdev); /* EXPECT-NOTE PFVF001 */

	return mdev ? 0 : -ENODEV;
}

/* the drvdata read itself, unlocked, from the VF's remove: no guarantee */
static void mlx5vf_pci_remove(struct pci_dev *pdev)
{
	struct mlx5_core_dev *mdev = pci_get_drvdata(pdev->physfn); /* EXPECT PFVF002 */

	mdev->state = 0;
}

static struct pci_driver mlx5vf_pci_driver = {
	.name = "mlx5_vfio_pci",
	.probe = mlx5vf_pci_probe,
	.remove = mlx5vf_pci_remove,
};

/*
 * check-name: seed 000, VF reaching PF drvdata before pci_iov_get_pf_drvdata()
 */
