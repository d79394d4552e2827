// SPDX-License-Identifier: GPL-2.0
/* The stats helpers of pfvf011_cross_file_abba.c: stats_lock, then (one of them) cfg_lock. */
#include <linux/pci.h>

struct abn {
	struct mutex cfg_lock;
	struct mutex stats_lock;
	int num_vfs;
};

void abn_sync_cfg(struct abn *nic);

void abn_fold_stats(struct abn *nic)
{
	mutex_lock(&nic->stats_lock); /* EXPECT PFVF011: 'abn::cfg_lock' -> 'abn::stats_lock' */
	mutex_unlock(&nic->stats_lock);
}

void abn_read_stats(struct abn *nic)
{
	mutex_lock(&nic->stats_lock);
	abn_sync_cfg(nic); /* EXPECT-NOTE PFVF011 */
	mutex_unlock(&nic->stats_lock);
}
