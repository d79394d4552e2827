#ifndef _TD_LINUX_PCI_H
#define _TD_LINUX_PCI_H
#include <linux/device.h>
struct pci_device_id { u32 vendor, device, subvendor, subdevice, class, class_mask; unsigned long driver_data; };
#define PCI_DEVICE(v, d) .vendor = (v), .device = (d)
struct pci_driver;
struct pci_dev {
	struct device dev;
	union {				/* as in the kernel: SR-IOV state or the PF */
		void *sriov;
		struct pci_dev *physfn;
	};
	struct pci_driver *driver;
	unsigned int is_virtfn:1;
	unsigned int devfn;
};
#define to_pci_dev(n) container_of(n, struct pci_dev, dev)
typedef unsigned int pci_ers_result_t;
typedef int pci_channel_state_t;
struct pci_error_handlers {
	pci_ers_result_t (*error_detected)(struct pci_dev *dev, pci_channel_state_t error);
	pci_ers_result_t (*mmio_enabled)(struct pci_dev *dev);
	pci_ers_result_t (*slot_reset)(struct pci_dev *dev);
	void (*reset_prepare)(struct pci_dev *dev);
	void (*reset_done)(struct pci_dev *dev);
	void (*resume)(struct pci_dev *dev);
};
struct pci_driver {
	const char *name;
	const struct pci_device_id *id_table;
	int (*probe)(struct pci_dev *dev, const struct pci_device_id *id);
	void (*remove)(struct pci_dev *dev);
	void (*shutdown)(struct pci_dev *dev);
	int (*sriov_configure)(struct pci_dev *dev, int num_vfs);
	int (*sriov_set_msix_vec_count)(struct pci_dev *vf, int msix_vec_count);
	const struct pci_error_handlers *err_handler;
	struct device_driver driver;
};
static inline struct pci_dev *pci_physfn(struct pci_dev *dev)
{
	if (dev->is_virtfn)
		dev = dev->physfn;
	return dev;
}
static inline void *pci_get_drvdata(struct pci_dev *pdev) { return dev_get_drvdata(&pdev->dev); }
static inline void pci_set_drvdata(struct pci_dev *pdev, void *data) { dev_set_drvdata(&pdev->dev, data); }
void pci_dev_lock(struct pci_dev *dev);
int pci_dev_trylock(struct pci_dev *dev);
void pci_dev_unlock(struct pci_dev *dev);
void *pci_iov_get_pf_drvdata(struct pci_dev *dev, struct pci_driver *pf_driver);
int pci_enable_sriov(struct pci_dev *dev, int nr_virtfn);
void pci_disable_sriov(struct pci_dev *dev);
int pci_num_vf(struct pci_dev *dev);
int pci_vfs_assigned(struct pci_dev *dev);
struct pci_dev *pci_get_domain_bus_and_slot(int domain, unsigned int bus, unsigned int devfn);
void pci_dev_put(struct pci_dev *dev);
struct pci_dev *pci_dev_get(struct pci_dev *dev);
struct pci_dev *pci_get_device(unsigned int vendor, unsigned int device, struct pci_dev *from);
int pci_iov_virtfn_bus(struct pci_dev *dev, int id);
int pci_iov_virtfn_devfn(struct pci_dev *dev, int id);
int pcie_flr(struct pci_dev *dev);
void pci_restore_msi_state(struct pci_dev *dev);
int pci_enable_device(struct pci_dev *dev);
void pci_disable_device(struct pci_dev *dev);
void pci_lock_rescan_remove(void);
void pci_stop_and_remove_bus_device(struct pci_dev *dev);
void pci_iov_remove_virtfn(struct pci_dev *dev, int id);
void pci_unlock_rescan_remove(void);
int pci_register_driver(struct pci_driver *drv);
struct pci_driver *pci_dev_driver(const struct pci_dev *dev);
void pci_unregister_driver(struct pci_driver *drv);
#define module_pci_driver(__pci_driver) \
	static int __pci_driver##_init(void) { return pci_register_driver(&(__pci_driver)); } \
	static void __pci_driver##_exit(void) { pci_unregister_driver(&(__pci_driver)); }
#endif
