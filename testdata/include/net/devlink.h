#ifndef _TD_NET_DEVLINK_H
#define _TD_NET_DEVLINK_H
#include <linux/mutex.h>
struct devlink { struct mutex lock; };
void devl_lock(struct devlink *devlink);
void devl_unlock(struct devlink *devlink);
void devl_assert_locked(struct devlink *devlink);
void *devlink_priv(struct devlink *devlink);
int devlink_params_register(struct devlink *devlink, const void *params, unsigned long count);
struct netlink_ext_ack;
struct devlink_ops {
	int (*reload_down)(struct devlink *devlink, int netns_change, int action, int limit,
			   struct netlink_ext_ack *extack);
};
#endif
