#ifndef _TD_LINUX_NETDEVICE_H
#define _TD_LINUX_NETDEVICE_H
#include <linux/types.h>
struct net_device { int flags; };
void rtnl_lock(void);
void rtnl_unlock(void);
int register_netdev(struct net_device *dev);
void unregister_netdev(struct net_device *dev);
void free_netdev(struct net_device *dev);
#endif
