// SPDX-License-Identifier: GPL-2.0
/*
 * cocci/remove_sriov_order.cocci (PFVF003's pattern in .remove): each
 * PF driver below frees or unregisters state in .remove and disables
 * SR-IOV after it, directly or through a helper of the file, or does it
 * in the right order. The libclang rule's teardown list has no
 * unregister_netdev() and no kfree(): its findings (EXPECT) are a subset
 * of the script's (tests/cocci.expect).
 */
#include <linux/pci.h>
#include <linux/netdevice.h>

void devlink_free(void *devlink);
void pci_release_regions(struct pci_dev *pdev);

struct cpf_priv {
	struct net_device *netdev;
	void *devlink;
	int nvfs;
};

static void cpf_disable_vfs(struct cpf_priv *priv, struct pci_dev *pdev)
{
	priv->nvfs = 0;
	pci_disable_sriov(pdev);
}

/* bad: the netdev is unregistered and freed first */
static void netdev_first_remove(struct pci_dev *pdev)
{
	struct cpf_priv *priv = pci_get_drvdata(pdev);

	unregister_netdev(priv->netdev);
	free_netdev(priv->netdev);
	pci_disable_sriov(pdev); /* EXPECT PFVF003: 'free_netdev' */
	devlink_free(priv->devlink);
}

/* bad: the drvdata itself is freed, then a helper disables SR-IOV */
static void kfree_first_remove(struct pci_dev *pdev)
{
	struct cpf_priv *priv = pci_get_drvdata(pdev);

	kfree(priv);
	cpf_disable_vfs(priv, pdev);
}

/* bad (script only): unregistered, not freed, before a conditional disable */
static void unregister_first_remove(struct pci_dev *pdev)
{
	struct cpf_priv *priv = pci_get_drvdata(pdev);

	unregister_netdev(priv->netdev);
	if (pci_num_vf(pdev))
		pci_disable_sriov(pdev);
	free_netdev(priv->netdev);
}

/* bad: the hardware goes away first */
static void hw_first_remove(struct pci_dev *pdev)
{
	pci_release_regions(pdev);
	pci_disable_device(pdev);
	pci_disable_sriov(pdev); /* EXPECT PFVF003: 'pci_release_regions' */
}

/* good: SR-IOV off first; the teardown on the early return never reaches it */
static void good_remove(struct pci_dev *pdev)
{
	struct cpf_priv *priv = pci_get_drvdata(pdev);

	if (!priv) {
		pci_disable_device(pdev);
		return;
	}
	cpf_disable_vfs(priv, pdev);
	unregister_netdev(priv->netdev);
	free_netdev(priv->netdev);
	devlink_free(priv->devlink);
	kfree(priv);
	pci_release_regions(pdev);
	pci_disable_device(pdev);
}

static struct pci_driver netdev_first_driver = {
	.name = "netdev_first",
	.remove = netdev_first_remove,
};

static struct pci_driver kfree_first_driver = {
	.name = "kfree_first",
	.remove = kfree_first_remove,
};

static struct pci_driver unregister_first_driver = {
	.name = "unregister_first",
	.remove = unregister_first_remove,
};

static struct pci_driver hw_first_driver = {
	.name = "hw_first",
	.remove = hw_first_remove,
};

static struct pci_driver good_driver = {
	.name = "good",
	.remove = good_remove,
};

/*
 * check-name: cocci PFVF003 pattern, teardown before pci_disable_sriov in .remove
 */
