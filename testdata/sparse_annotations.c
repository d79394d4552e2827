// SPDX-License-Identifier: GPL-2.0
/*
 * sparse's lock annotations feed the summaries: a function declared
 * __acquires(x) with no body in the scan is an acquisition of x at each
 * call, in the caller's terms; __releases(x) a release; __must_hold(x) a
 * requirement (PFVF006); the __acquire(x)/__release(x) statements, '(void)0'
 * outside sparse, are read from their tokens. A body in the scan wins
 * over its declaration's __acquires.
 */
#include <linux/pci.h>

struct sa_priv {
	struct pci_dev *pdev;
	struct mutex lock;
	int users;
};

/* PF-side helpers defined in another file, annotated for sparse */
void sa_pf_lock(struct pci_dev *pf) __acquires(&pf->dev.mutex);
void sa_pf_unlock(struct pci_dev *pf) __releases(&pf->dev.mutex);
void sa_priv_lock(struct sa_priv *p) __acquires(&p->lock);
void sa_priv_unlock(struct sa_priv *p) __releases(&p->lock);
void sa_update(struct sa_priv *p) __must_hold(&p->lock);

/* bad: the PF's device lock through an annotated declaration */
static int bad_annotated_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	sa_pf_lock(pci_physfn(pdev)); /* EXPECT PFVF001: 'device_lock(PF(SELF))' */
	sa_pf_unlock(pci_physfn(pdev));
	return 0;
}

/* bad: a helper marks the acquisition with the __acquire() statement */
static void lock_pf_by_hand(struct pci_dev *pf)
{
	__acquire(&pf->dev.mutex); /* EXPECT PFVF001 */
}

static void bad_statement_remove(struct pci_dev *pdev)
{
	lock_pf_by_hand(pdev->physfn); /* EXPECT-NOTE PFVF001 */
}

/* bad: __must_hold(&p->lock) not met on one path */
static void bad_requirement(struct pci_dev *pdev)
{
	struct sa_priv *p = pci_get_drvdata(pdev);

	if (p->users)
		sa_update(p); /* EXPECT PFVF006: 'sa_priv::lock' */
	sa_priv_lock(p);
	sa_update(p);
	sa_priv_unlock(p);
}

static struct pci_driver sa_vf_driver = {
	.name = "sa_vf",
	.probe = bad_annotated_probe,
	.remove = bad_statement_remove,
	.shutdown = bad_requirement,
};

/* good: the requirement met through the annotated lock helpers */
static void good_requirement(struct pci_dev *pdev)
{
	struct sa_priv *p = pci_get_drvdata(pdev);

	sa_priv_lock(p);
	sa_update(p);
	sa_priv_unlock(p);
}

/*
 * good: this body is in the scan and takes only the VF's own lock, so its
 * (wrong) annotation is not believed
 */
static void sa_body_lock(struct pci_dev *pdev) __acquires(&pdev->physfn->dev.mutex)
{
	mutex_lock(&pdev->dev.mutex);
}

static int good_body_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	sa_body_lock(pdev);
	return 0;
}

static struct pci_driver sa_body_driver = {
	.name = "sa_body",
	.probe = good_body_probe,
	.remove = good_requirement,
};
