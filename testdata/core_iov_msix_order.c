// SPDX-License-Identifier: GPL-2.0
/*
 * The PCI core's own PF -> VF order, as drivers/pci/iov.c
 * sriov_vf_msix_count_store() takes it, then calls the PF driver's
 * .sriov_set_msix_vec_count for the VF. Correct code: all silent.
 */
#include <linux/pci.h>

struct device_attribute {
	int (*store)(struct device *dev, struct device_attribute *attr,
		     const char *buf, size_t count);
};

int kstrtoint(const char *s, unsigned int base, int *res);

static int sriov_vf_msix_count_store(struct device *dev,
				     struct device_attribute *attr,
				     const char *buf, size_t count)
{
	struct pci_dev *vf_dev = to_pci_dev(dev);
	struct pci_dev *pdev = pci_physfn(vf_dev);
	int val, ret = 0;

	if (kstrtoint(buf, 0, &val) < 0)
		return -EINVAL;

	device_lock(&pdev->dev);
	if (!pdev->driver || !pdev->driver->sriov_set_msix_vec_count) {
		ret = -EINVAL;
		goto err_pdev;
	}

	device_lock(&vf_dev->dev);
	if (vf_dev->dev.driver) {
		ret = -EBUSY;
		goto err_dev;
	}
	ret = pdev->driver->sriov_set_msix_vec_count(vf_dev, val);

err_dev:
	device_unlock(&vf_dev->dev);
err_pdev:
	device_unlock(&pdev->dev);
	return ret ? ret : (int)count;
}

static struct device_attribute dev_attr_sriov_vf_msix_count = {
	.store = sriov_vf_msix_count_store,
};

/* a PF driver's callback: the PF's drvdata is safe under the core's PF lock */
struct pf_priv {
	int msix_per_vf;
};

static int pf_set_msix_vec_count(struct pci_dev *vf, int count)
{
	struct pf_priv *pf = pci_get_drvdata(pci_physfn(vf));

	pf->msix_per_vf = count;
	return 0;
}

static struct pci_driver msix_pf_driver = {
	.name = "msix_pf",
	.sriov_set_msix_vec_count = pf_set_msix_vec_count,
};

/*
 * check-name: the PCI core's PF then VF order is not a finding
 */
