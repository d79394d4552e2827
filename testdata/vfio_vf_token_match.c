// SPDX-License-Identifier: GPL-2.0
/*
 * The VFIO VF-token path (rules/vfio.yaml): .match runs when user space
 * opens the device by name, for a VF as for a PF, and a VF's token is
 * checked against its PF's. Reaching the PF's state there needs the
 * checked accessor like any VF path (PFVF002).
 */
#include <linux/vfio.h>

static struct pci_driver vt_pci_driver;

/* bad: the PF's vfio device read raw to compare the token */
static int bad_match(struct vfio_device *core_vdev, char *buf)
{
	struct vfio_pci_core_device *vdev = (struct vfio_pci_core_device *)core_vdev;
	struct vfio_pci_core_device *pf_vdev = pci_get_drvdata(vdev->pdev->physfn); /* EXPECT PFVF002: '.match of' */
	int users;

	mutex_lock(&pf_vdev->vf_token->lock);
	users = pf_vdev->vf_token->users;
	mutex_unlock(&pf_vdev->vf_token->lock);
	return users;
}

/* good: the accessor checks that the PF is bound to this driver */
static int good_match(struct vfio_device *core_vdev, char *buf)
{
	struct vfio_pci_core_device *vdev = (struct vfio_pci_core_device *)core_vdev;
	struct vfio_pci_core_device *pf_vdev = pci_iov_get_pf_drvdata(vdev->pdev, &vt_pci_driver);
	int users;

	if (IS_ERR(pf_vdev))
		return 0;
	mutex_lock(&pf_vdev->vf_token->lock);
	users = pf_vdev->vf_token->users;
	mutex_unlock(&pf_vdev->vf_token->lock);
	return users;
}

static const struct vfio_device_ops bad_ops = {
	.name = "vt-bad",
	.match = bad_match,
};

static const struct vfio_device_ops good_ops = {
	.name = "vt-good",
	.match = good_match,
};
