// SPDX-License-Identifier: GPL-2.0
/*
 * PFVF003, seed 000's rule for PF drivers: "the PF driver must call
 * pci_disable_sriov() in its remove function before destroying any of the
 * drvdata". bad_remove frees the netdev and releases the hardware first;
 * good_remove disables SR-IOV first, as mlx5 remove_one(), pds_core
 * pdsc_remove() and virtio_pci_remove() do.
 */
#include <linux/pci.h>
#include <linux/netdevice.h>

void devlink_free(void *devlink);
void pci_release_regions(struct pci_dev *pdev);

struct pf_priv {
	struct net_device *netdev;
	void *devlink;
};

static void teardown_netdev(struct pf_priv *priv)
{
	unregister_netdev(priv->netdev);
	free_netdev(priv->netdev); /* EXPECT-NOTE PFVF003 */
}

static void bad_remove(struct pci_dev *pdev)
{
	struct pf_priv *priv = pci_get_drvdata(pdev);

	teardown_netdev(priv);
	if (pci_num_vf(pdev))
		pci_disable_sriov(pdev); /* EXPECT PFVF003: 'free_netdev' */
	devlink_free(priv->devlink);
}

static void good_remove(struct pci_dev *pdev)
{
	struct pf_priv *priv = pci_get_drvdata(pdev);

	pci_disable_sriov(pdev);
	teardown_netdev(priv);
	devlink_free(priv->devlink);
	pci_release_regions(pdev);
}

static struct pci_driver bad_pf_driver = {
	.name = "bad_pf",
	.remove = bad_remove,
};

static struct pci_driver good_pf_driver = {
	.name = "good_pf",
	.remove = good_remove,
};

/*
 * check-name: PF .remove tears down state before pci_disable_sriov
 */
