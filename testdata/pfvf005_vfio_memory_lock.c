// SPDX-License-Identifier: GPL-2.0
/*
 * PFVF005, the vfio-pci shape: the PF's .sriov_configure holds
 * memory_lock across pci_enable_sriov(), which probes each VF under the
 * VF's device lock; the VF's probe joins its device set (dev_set->lock);
 * and the open path (pfvf005_vfio_memory_lock_part1.c) runs under
 * dev_set->lock and takes memory_lock. Cycle:
 * memory_lock -> device_lock(VF) -> dev_set lock -> memory_lock.
 */
#include <linux/vfio.h>

static int bad_sriov_configure(struct pci_dev *pdev, int nr_virtfn)
{
	struct vfio_pci_core_device *vdev = pci_get_drvdata(pdev);
	int ret;

	down_write(&vdev->memory_lock);
	ret = pci_enable_sriov(pdev, nr_virtfn); /* EXPECT PFVF005: 'vfio_pci_core_device::memory_lock' */
	up_write(&vdev->memory_lock);
	return ret;
}

static int vf_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct vfio_pci_core_device *vdev = pci_get_drvdata(pdev);

	mutex_lock(&vdev->vdev.dev_set->lock); /* EXPECT-NOTE PFVF005 */
	mutex_unlock(&vdev->vdev.dev_set->lock);
	return 0;
}

static struct pci_driver vfio_pci_driver = {
	.name = "vfio-pci",
	.probe = vf_probe,
	.sriov_configure = bad_sriov_configure,
};

/*
 * check-name: memory_lock across pci_enable_sriov against the open path
 * check-files: pfvf005_vfio_memory_lock_part1.c
 */
