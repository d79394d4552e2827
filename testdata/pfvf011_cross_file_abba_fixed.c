// SPDX-License-Identifier: GPL-2.0
/*
 * The fix of pfvf011_cross_file_abba.c: the stats path drops stats_lock
 * before it syncs the configuration, so cfg_lock -> stats_lock is the
 * only order.
 */
#include <linux/pci.h>
#include <linux/netdevice.h>

struct abf {
	struct mutex cfg_lock;
	struct mutex stats_lock;
	int num_vfs;
};

static void abf_sync_cfg(struct abf *nic)
{
	mutex_lock(&nic->cfg_lock);
	nic->num_vfs++;
	mutex_unlock(&nic->cfg_lock);
}

static void abf_fold_stats(struct abf *nic)
{
	mutex_lock(&nic->stats_lock);
	mutex_unlock(&nic->stats_lock);
}

static int abf_sriov_configure(struct pci_dev *pdev, int num_vfs)
{
	struct abf *nic = pci_get_drvdata(pdev);

	mutex_lock(&nic->cfg_lock);
	abf_fold_stats(nic);
	nic->num_vfs = num_vfs;
	mutex_unlock(&nic->cfg_lock);
	return num_vfs ? pci_enable_sriov(pdev, num_vfs) : 0;
}

static void abf_get_stats64(struct net_device *dev, void *stats)
{
	struct abf *nic = netdev_priv(dev);

	mutex_lock(&nic->stats_lock);
	mutex_unlock(&nic->stats_lock);
	abf_sync_cfg(nic);
}

static const struct net_device_ops abf_netdev_ops = {
	.ndo_get_stats64 = abf_get_stats64,
};

static struct pci_driver abf_driver = {
	.name = "abf",
	.sriov_configure = abf_sriov_configure,
};

/*
 * check-name: the same locks in one order: no cycle
 */
