// SPDX-License-Identifier: GPL-2.0
/*
 * PFVF011: an ABBA of two struct-member locks across files. The
 * .sriov_configure path takes cfg_lock, then stats_lock in a helper of
 * pfvf011_cross_file_abba_part1.c; .ndo_get_stats64 takes stats_lock
 * there, then cfg_lock through a helper of this file. Lockdep sees it
 * only in a boot that runs both; both paths are here.
 */
#include <linux/pci.h>
#include <linux/netdevice.h>

struct abn {
	struct mutex cfg_lock;
	struct mutex stats_lock;
	int num_vfs;
};

void abn_fold_stats(struct abn *nic);
void abn_read_stats(struct abn *nic);

void abn_sync_cfg(struct abn *nic)
{
	mutex_lock(&nic->cfg_lock); /* EXPECT-NOTE PFVF011 */
	nic->num_vfs++;
	mutex_unlock(&nic->cfg_lock);
}

static int abn_sriov_configure(struct pci_dev *pdev, int num_vfs)
{
	struct abn *nic = pci_get_drvdata(pdev);

	mutex_lock(&nic->cfg_lock);
	abn_fold_stats(nic); /* EXPECT-NOTE PFVF011 */
	nic->num_vfs = num_vfs;
	mutex_unlock(&nic->cfg_lock);
	return num_vfs ? pci_enable_sriov(pdev, num_vfs) : 0;
}

static void abn_get_stats64(struct net_device *dev, void *stats)
{
	struct abn *nic = netdev_priv(dev);

	abn_read_stats(nic); /* EXPECT-NOTE PFVF011 */
}

static const struct net_device_ops abn_netdev_ops = {
	.ndo_get_stats64 = abn_get_stats64,
};

static struct pci_driver abn_driver = {
	.name = "abn",
	.sriov_configure = abn_sriov_configure,
};

/*
 * check-name: ABBA of two member locks across files (lockdep sees it only if both paths run)
 * check-files: pfvf011_cross_file_abba_part1.c
 */
