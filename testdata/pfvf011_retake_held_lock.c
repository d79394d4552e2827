// SPDX-License-Identifier: GPL-2.0
/*
 * PFVF011, negative: 6.1's mlx5_init_one() shape. .probe takes the devlink
 * lock, then intf_mutex, then calls devlink_params_register(), which the
 * lock model says takes the devlink lock (true from 6.3 on). Under a held
 * devlink lock that retake orders nothing (here it cannot happen: the
 * kernel's version does not take it), so intf_mutex -> devlink lock is not
 * an edge and the devlink reload path (devlink lock -> intf_mutex) closes
 * no cycle.
 */
#include <linux/pci.h>
#include <net/devlink.h>

struct rtk {
	struct devlink *devlink;
	struct mutex intf_mutex;
	int up;
};

static int rtk_reload_down(struct devlink *devlink, int netns_change, int action, int limit,
			   struct netlink_ext_ack *extack)
{
	struct rtk *st = devlink_priv(devlink);

	mutex_lock(&st->intf_mutex);
	st->up = 0;
	mutex_unlock(&st->intf_mutex);
	return 0;
}

static const struct devlink_ops rtk_devlink_ops = {
	.reload_down = rtk_reload_down,
};

static int rtk_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct rtk *st = pci_get_drvdata(pdev);
	int err;

	devl_lock(st->devlink);
	mutex_lock(&st->intf_mutex);
	err = devlink_params_register(st->devlink, NULL, 0);
	st->up = 1;
	mutex_unlock(&st->intf_mutex);
	devl_unlock(st->devlink);
	return err;
}

static struct pci_driver rtk_driver = {
	.name = "rtk",
	.probe = rtk_probe,
};

/*
 * check-name: a lock retaken while its class is held orders nothing
 */
