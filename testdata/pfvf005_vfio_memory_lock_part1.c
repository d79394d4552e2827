// SPDX-License-Identifier: GPL-2.0
/* The open path of pfvf005_vfio_memory_lock.c: under dev_set->lock (the
 * VFIO core's, rules/vfio.yaml), it takes memory_lock. */
#include <linux/vfio.h>

static int vfio_pci_open_device(struct vfio_device *core_vdev)
{
	struct vfio_pci_core_device *vdev = (struct vfio_pci_core_device *)core_vdev;

	down_write(&vdev->memory_lock);
	up_write(&vdev->memory_lock);
	return 0;
}

static const struct vfio_device_ops vfio_pci_ops = {
	.name = "vfio-pci",
	.open_device = vfio_pci_open_device,
};
