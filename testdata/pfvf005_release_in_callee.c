// SPDX-License-Identifier: GPL-2.0
/*
 * PFVF005 and locks a callee drops: the sfc reset shape. reset_down()
 * returns holding filter_sem then rss_lock; reset_up() drops them before
 * it reconfigures (which takes filter_sem), so there is no order
 * rss_lock -> filter_sem on that path. Taking filter_sem while still
 * holding rss_lock is a real inversion.
 */
#include <linux/vfio.h>

struct nic {
	struct mutex mac_lock;
	struct rw_semaphore filter_sem;
	struct mutex rss_lock;
};

static void reset_down(struct nic *n)
{
	mutex_lock(&n->mac_lock);
	down_write(&n->filter_sem);
	mutex_lock(&n->rss_lock); /* EXPECT PFVF005: 'nic::filter_sem' */
}

static void reconfigure(struct nic *n)
{
	down_read(&n->filter_sem); /* EXPECT-NOTE PFVF005 */
	up_read(&n->filter_sem);
}

static void reset_up(struct nic *n)
{
	mutex_unlock(&n->rss_lock);
	up_write(&n->filter_sem);
	mutex_unlock(&n->mac_lock);
	reconfigure(n);
}

/* good: reconfigure() runs after reset_up() dropped the locks */
void good_test_chip(struct nic *n)
{
	reset_down(n);
	reset_up(n);
}

/* bad: rss_lock is still held when filter_sem is taken again */
void bad_reconfigure_under_rss(struct nic *n)
{
	mutex_lock(&n->rss_lock);
	reconfigure(n);
	mutex_unlock(&n->rss_lock);
}

/*
 * check-name: a lock a callee releases first is not held at its effects
 */
