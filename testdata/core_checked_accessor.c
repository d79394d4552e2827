// SPDX-License-Identifier: GPL-2.0
/*
 * The checked accessor itself, as drivers/pci/iov.c defines it, scanned
 * together with a user: its own dev_get_drvdata() of the PF is the one
 * sanctioned raw read (rules: 'checked: true'), so neither it nor its
 * callers are reported.
 */
#include <linux/pci.h>

void *pci_iov_get_pf_drvdata(struct pci_dev *dev, struct pci_driver *pf_driver)
{
	struct pci_dev *pf_dev;

	if (!dev->is_virtfn)
		return (void *)-EINVAL;
	pf_dev = dev->physfn;
	if (pf_dev->driver != pf_driver)
		return (void *)-EINVAL;
	return dev_get_drvdata(&pf_dev->dev);
}

struct pf_priv {
	int nvfs;
};

extern struct pci_driver pf_driver;

static int user_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct pf_priv *pf = pci_iov_get_pf_drvdata(pdev, &pf_driver);

	return IS_ERR(pf) ? -ENODEV : 0;
}

static struct pci_driver user_driver = {
	.name = "user",
	.probe = user_probe,
};

/*
 * check-name: pci_iov_get_pf_drvdata() in the scan is trusted
 */
