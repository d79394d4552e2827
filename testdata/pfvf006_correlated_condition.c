// SPDX-License-Identifier: GPL-2.0
/*
 * PFVF006 with a requirement behind a parameter test whose lock is taken
 * under the same test (xe's __guc_ct_send_locked(): 'if (g2h_len)
 * spin_lock_irq(&ct->fast_lock)', then __g2h_reserve_space(): 'if
 * (g2h_len) lockdep_assert_held(&ct->fast_lock)'): met on every path that
 * runs the assertion, silent for a constant argument either way. Where
 * the caller never takes the lock, a constant that selects the assertion
 * makes it a finding.
 */
#include <linux/pci.h>

struct ct {
	struct mutex fast_lock;
	int space;
};

static void reserve_space(struct ct *ct, int len)
{
	if (len)
		lockdep_assert_held(&ct->fast_lock);
	ct->space -= len;
}

static void send_locked(struct ct *ct, int len)
{
	if (len)
		mutex_lock(&ct->fast_lock);
	reserve_space(ct, len);
	if (len)
		mutex_unlock(&ct->fast_lock);
}

static void reserve_other(struct ct *ct, int len)
{
	if (len)
		lockdep_assert_held(&ct->fast_lock); /* EXPECT PFVF006: 'ct::fast_lock' */
	ct->space -= len;
}

static void send_unlocked(struct ct *ct, int len)
{
	reserve_other(ct, len);
}

static int ct_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct ct *ct = pci_get_drvdata(pdev);

	send_locked(ct, 4);
	send_locked(ct, 0);
	send_unlocked(ct, 0);
	send_unlocked(ct, 8); /* EXPECT-NOTE PFVF006 */
	return 0;
}

static struct pci_driver ct_driver = {
	.name = "ct",
	.probe = ct_probe,
};

/*
 * check-name: a requirement and its lock behind the same parameter test
 */
