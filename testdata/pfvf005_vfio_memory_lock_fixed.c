// SPDX-License-Identifier: GPL-2.0
/*
 * PFVF005 fixed: memory_lock is not held across pci_enable_sriov(), so
 * the PF never waits for a VF's device lock while holding it. Silent.
 */
#include <linux/vfio.h>

static int good_sriov_configure(struct pci_dev *pdev, int nr_virtfn)
{
	struct vfio_pci_core_device *vdev = pci_get_drvdata(pdev);

	down_write(&vdev->memory_lock);
	up_write(&vdev->memory_lock);
	return pci_enable_sriov(pdev, nr_virtfn);
}

static int vf_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct vfio_pci_core_device *vdev = pci_get_drvdata(pdev);

	mutex_lock(&vdev->vdev.dev_set->lock);
	mutex_unlock(&vdev->vdev.dev_set->lock);
	return 0;
}

static struct pci_driver vfio_pci_driver = {
	.name = "vfio-pci",
	.probe = vf_probe,
	.sriov_configure = good_sriov_configure,
};

/*
 * check-name: memory_lock dropped before pci_enable_sriov is silent
 * check-files: pfvf005_vfio_memory_lock_part1.c
 */
