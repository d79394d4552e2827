// SPDX-License-Identifier: GPL-2.0
/*
 * PFVF011 and lock guards (cleanup.h): a guard's lock is released where
 * its scope ends, by the destructor the cleanup attribute names (no call
 * expression names it). Here scoped_guard() and a guard() in an inner
 * block both end before cfg_lock is taken: no order stats_lock ->
 * cfg_lock, so .sriov_configure's cfg_lock -> stats_lock closes no cycle.
 * The guard() held to the end of gsc_fold() does order fold_lock before
 * cfg_lock, against .sriov_configure's cfg_lock -> fold_lock.
 */
#include <linux/pci.h>
#include <linux/cleanup.h>
#include <linux/mutex.h>

struct gsc {
	struct mutex cfg_lock;
	struct mutex stats_lock;
	struct mutex fold_lock;
	int v;
};

static void gsc_read(struct gsc *g)
{
	scoped_guard(mutex, &g->stats_lock) {
		g->v++;
	}
	mutex_lock(&g->cfg_lock);
	g->v--;
	mutex_unlock(&g->cfg_lock);
}

static void gsc_read_block(struct gsc *g)
{
	{
		guard(mutex)(&g->stats_lock);
		g->v++;
	}
	mutex_lock(&g->cfg_lock);
	mutex_unlock(&g->cfg_lock);
}

static void gsc_fold(struct gsc *g)
{
	guard(mutex)(&g->fold_lock);
	mutex_lock(&g->cfg_lock); /* EXPECT-NOTE PFVF011 */
	mutex_unlock(&g->cfg_lock);
}

static int gsc_sriov_configure(struct pci_dev *pdev, int num_vfs)
{
	struct gsc *g = pci_get_drvdata(pdev);

	mutex_lock(&g->cfg_lock);
	mutex_lock(&g->stats_lock);
	mutex_unlock(&g->stats_lock);
	mutex_lock(&g->fold_lock); /* EXPECT PFVF011: 'gsc::cfg_lock' -> 'gsc::fold_lock' */
	mutex_unlock(&g->fold_lock);
	mutex_unlock(&g->cfg_lock);
	gsc_read(g);
	gsc_read_block(g);
	gsc_fold(g);
	return num_vfs;
}

static struct pci_driver gsc_driver = {
	.name = "gsc",
	.sriov_configure = gsc_sriov_configure,
};

/*
 * check-name: a guard's lock is released at the end of its scope
 */
