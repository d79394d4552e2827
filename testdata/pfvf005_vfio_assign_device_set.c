// SPDX-License-Identifier: GPL-2.0
/*
 * PFVF005 through the VFIO model's vfio_assign_device_set(): the VF's
 * probe joins its device set, which takes the set's mutex (rules/vfio.yaml),
 * as vfio_pci_core_register_device() does; the PF holds memory_lock across
 * pci_enable_sriov(), which probes the VF; the open path
 * (pfvf005_vfio_memory_lock_part1.c) takes memory_lock under the set's
 * mutex. Cycle: memory_lock -> device_lock(VF) -> dev_set lock -> memory_lock.
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

	return vfio_assign_device_set(&vdev->vdev, pdev); /* EXPECT-NOTE PFVF005 */
}

static struct pci_driver vfio_pci_driver = {
	.name = "vfio-pci",
	.probe = vf_probe,
	.sriov_configure = bad_sriov_configure,
};

/*
 * check-name: memory_lock across pci_enable_sriov against the set's mutex taken by vfio_assign_device_set
 * check-files: pfvf005_vfio_memory_lock_part1.c
 */
