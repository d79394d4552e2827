/* Minimal stand-ins for the Xen hypervisor's PCI headers (seed 003). */
#ifndef _TD_XEN_PCI_H
#define _TD_XEN_PCI_H
typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;
#define NULL ((void *)0)
typedef struct { u32 sbdf; } pci_sbdf_t;
#define PCI_SBDF(s, b, d, f) ((pci_sbdf_t){ .sbdf = ((s) << 16) | ((b) << 8) | ((d) << 3) | (f) })
typedef struct { int lock; } rwlock_t;
struct domain {
	rwlock_t pci_lock;
	int domain_id;
};
struct pci_dev {
	struct domain *domain;
	pci_sbdf_t sbdf;
	struct { int is_virtfn; pci_sbdf_t physfn; u64 vf_rlen[6]; } info;
};
void read_lock(rwlock_t *l);
void read_unlock(rwlock_t *l);
void write_lock(rwlock_t *l);
void write_unlock(rwlock_t *l);
void pcidevs_lock(void);
void pcidevs_unlock(void);
struct pci_dev *pci_get_pdev(const struct domain *d, pci_sbdf_t sbdf);
struct domain *rcu_lock_domain_by_any_id(int id);
#endif
