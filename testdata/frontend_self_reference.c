// SPDX-License-Identifier: GPL-2.0
/*
 * Front end regression: a local whose initializer names the local itself
 * crashed the extractor: 'unsigned long __edi = __edi' of paravirt's
 * PVOP_CALL_ARGS (x86 headers, via slow_down_io(): cpcihp_zt5550.c and
 * pci-hyperv.c of 6.12). Nothing to report here.
 */
#include <linux/pci.h>

struct sr_priv {
	struct pci_dev *pdev;
	int n;
};

void *kzalloc(size_t size, int flags);

static int good_self_reference_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct sr_priv *p = kzalloc(sizeof(*p), 0);
	unsigned long n = n;	/* the silence-the-warning idiom */

	if (!p)
		return -ENOMEM;
	p->pdev = pdev;
	p->n = n;
	pci_set_drvdata(pdev, p);
	return 0;
}

static struct pci_driver sr_driver = {
	.name = "sr",
	.probe = good_self_reference_probe,
};
