// SPDX-License-Identifier: GPL-2.0
/*
 * Seed 004 (vfio device sets, v5.15): vfio-pci before the series checked
 * the driver of every device of a reset group by hand,
 * 'if (pci_dev_driver(pdev) != &vfio_pci_driver)', which "is not scalable
 * if there are going to be multiple different driver types". After it,
 * the device set replaces the check (good_* below).
 */
#include <linux/vfio.h>

static struct pci_driver vfio_pci_driver;

/* bad: a pci_walk_bus() callback checking a sibling's driver */
static int bad_get_unused_devs(struct pci_dev *pdev, void *data)
{
	struct pci_driver *pci_drv = pci_dev_driver(pdev);

	if (pci_drv != &vfio_pci_driver) /* EXPECT PFVF008: 'pci_dev_driver' */
		return -EBUSY;
	return 0;
}

/* bad: a VF checking its PF's driver through the member */
static int bad_pf_is_ours(struct pci_dev *vf)
{
	return vf->physfn->driver == &vfio_pci_driver; /* EXPECT PFVF008: 'PF(' */
}

/* bad: two devices' drivers compared */
static int bad_same_driver(struct pci_dev *a, struct pci_dev *b)
{
	return pci_dev_driver(a) != pci_dev_driver(b); /* EXPECT PFVF008 */
}

/* good: a probe looking at its own device's driver */
static int good_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	if (pci_dev_driver(pdev) == &vfio_pci_driver)
		return 0;
	return bad_get_unused_devs(pdev, NULL) + bad_pf_is_ours(pdev) +
	       bad_same_driver(pdev, pdev);
}

/* good: after the series, devices of a reset group share a device set */
static int good_open_device(struct vfio_device *core_vdev)
{
	return core_vdev->dev_set ? 0 : -EINVAL;
}

static const struct vfio_device_ops vfio_pci_ops = {
	.name = "vfio-pci",
	.open_device = good_open_device,
};

static struct pci_driver vfio_pci_driver = {
	.name = "vfio-pci",
	.probe = good_probe,
};

/*
 * check-name: seed 004, driver identity by hand
 */
