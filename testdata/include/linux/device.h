#ifndef _TD_LINUX_DEVICE_H
#define _TD_LINUX_DEVICE_H
#include <linux/mutex.h>
struct device_driver { const char *name; };
struct device {
	struct device *parent;
	struct mutex mutex;
	void *driver_data;
	struct device_driver *driver;
};
static inline void device_lock(struct device *dev) { mutex_lock(&dev->mutex); }
static inline int device_trylock(struct device *dev) { return mutex_trylock(&dev->mutex); }
static inline void device_unlock(struct device *dev) { mutex_unlock(&dev->mutex); }
static inline void *dev_get_drvdata(const struct device *dev) { return dev->driver_data; }
static inline void dev_set_drvdata(struct device *dev, void *data) { dev->driver_data = data; }
DEFINE_GUARD(device, struct device *, device_lock(_T), device_unlock(_T))
#endif
