// SPDX-License-Identifier: GPL-2.0
/*
 * PFVF002 on the PF side (ixgbe handle_redirect_action() in 6.1 and
 * 6.12): a PF driver keeps its VFs' pci_devs and reads their drvdata as
 * if the VF driver were its own. A VF may be bound to vfio-pci (a guest
 * owns it) or to no driver: the drvdata is then another type, or NULL.
 * Reading it under the VF's device lock (where the driver can be checked
 * and cannot change) is silent, and so is the PF's own drvdata.
 */
#include <linux/pci.h>

struct net_device { int ifindex; };

struct vf_info {
	struct pci_dev *vfdev;
};

struct pf_adapter {
	struct pci_dev *pdev;
	struct vf_info vfinfo[4];
	int num_vfs;
};

static void get_vfs(struct pf_adapter *adapter, unsigned int vf_id)
{
	struct pci_dev *vfdev = NULL;
	int vf = 0;

	while ((vfdev = pci_get_device(0x8086, vf_id, vfdev))) {
		if (pci_physfn(vfdev) != adapter->pdev)
			continue;
		adapter->vfinfo[vf++].vfdev = pci_dev_get(vfdev);
	}
}

static int bad_find_vf(struct pf_adapter *adapter, int ifindex)
{
	int vf;

	for (vf = 0; vf < adapter->num_vfs; vf++) {
		struct net_device *upper = pci_get_drvdata(adapter->vfinfo[vf].vfdev); /* EXPECT PFVF002: 'drvdata of VF read by 'bad_find_vf'' */

		if (upper->ifindex == ifindex)
			return vf;
	}
	return -1;
}

static int good_find_vf(struct pf_adapter *adapter, int ifindex)
{
	struct pf_adapter *self = pci_get_drvdata(adapter->pdev);
	int vf, found = -1;

	for (vf = 0; vf < self->num_vfs; vf++) {
		struct pci_dev *vfdev = adapter->vfinfo[vf].vfdev;
		struct net_device *upper;

		device_lock(&vfdev->dev);
		upper = pci_get_drvdata(vfdev);
		if (upper && upper->ifindex == ifindex)
			found = vf;
		device_unlock(&vfdev->dev);
	}
	return found;
}

static int pf_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct pf_adapter *adapter = pci_get_drvdata(pdev);

	get_vfs(adapter, 0x10ed);
	return bad_find_vf(adapter, 1) + good_find_vf(adapter, 2);
}

static struct pci_driver pf_driver = {
	.name = "pf",
	.probe = pf_probe,
};

/*
 * check-name: PF reads the drvdata of a VF it keeps
 */
