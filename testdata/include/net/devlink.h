#ifndef _TD_NET_DEVLINK_H
#define _TD_NET_DEVLINK_H
#include <linux/mutex.h>
struct devlink { struct mutex lock; };
void devl_lock(struct devlink *devlink);
void devl_unlock(struct devlink *devlink);
void devl_assert_locked(struct devlink *devlink);
#endif
