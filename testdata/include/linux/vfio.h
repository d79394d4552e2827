#ifndef _TD_LINUX_VFIO_H
#define _TD_LINUX_VFIO_H
#include <linux/pci.h>
struct rw_semaphore { int count; };
void down_read(struct rw_semaphore *sem);
void down_write(struct rw_semaphore *sem);
void up_read(struct rw_semaphore *sem);
void up_write(struct rw_semaphore *sem);
struct vfio_device_set { struct mutex lock; };
struct vfio_device {
	struct vfio_device_set *dev_set;
	const struct vfio_device_ops *ops;
};
struct vfio_device_ops {
	const char *name;
	int (*open_device)(struct vfio_device *vdev);
	void (*close_device)(struct vfio_device *vdev);
	int (*match)(struct vfio_device *vdev, char *buf);
};
int vfio_assign_device_set(struct vfio_device *device, void *set_id);
struct vfio_pci_core_device {
	struct vfio_device vdev;
	struct pci_dev *pdev;
	struct rw_semaphore memory_lock;
	struct vfio_pci_vf_token *vf_token;
};
struct vfio_pci_vf_token { struct mutex lock; int users; };
#endif
