#ifndef _TD_LINUX_NETDEVICE_H
#define _TD_LINUX_NETDEVICE_H
#include <linux/types.h>
struct net_device { int flags; };
void rtnl_lock(void);
void rtnl_unlock(void);
int register_netdev(struct net_device *dev);
void unregister_netdev(struct net_device *dev);
void free_netdev(struct net_device *dev);
void *netdev_priv(const struct net_device *dev);

/* the members the networking core calls under rtnl (rules/netdev.yaml) */
struct net_device_ops {
	int (*ndo_open)(struct net_device *dev);
	int (*ndo_stop)(struct net_device *dev);
	int (*ndo_setup_tc)(struct net_device *dev, int type, void *type_data);
	int (*ndo_fcoe_enable)(struct net_device *dev);
	void (*ndo_get_stats64)(struct net_device *dev, void *stats);
};
#endif
