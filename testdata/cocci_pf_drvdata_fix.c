// SPDX-License-Identifier: GPL-2.0
/*
 * cocci/pf_drvdata_raw.cocci in patch mode (tests/cocci_test.sh applies it
 * to a copy and compiles the result; expected: cocci_pf_drvdata_raw.patch).
 * One driver binds the PF (it enables SR-IOV and keeps a struct cpf in the
 * PF's drvdata) and that PF's VFs, as snet does (drivers/vdpa/solidrun/
 * snet_main.c); its VF code reads the PF's drvdata raw. The driver struct
 * is known, so the reads that are the first action of an int or void
 * function become pci_iov_get_pf_drvdata(pdev, &cocci_pf_driver) with an
 * IS_ERR() check (and a forward declaration of the driver, defined below
 * them); the others are only reported. The libclang rule reports all of
 * them (EXPECT).
 */
#include <linux/pci.h>

#ifndef PTR_ERR
#define PTR_ERR(p) ((long)(p))
#endif

struct cpf {
	struct mutex lock;
	int nvfs;
};

struct cvf {
	struct cpf *pf;
	int id;
};

static struct mutex cvf_list_lock;

/* patched: ->physfn in a declaration of an int function */
static int cvf_probe(struct pci_dev *pdev)
{
	struct cpf *pf = pci_get_drvdata(pdev->physfn); /* EXPECT PFVF002 */
	struct cvf *vf;

	vf = kzalloc(sizeof(*vf), GFP_KERNEL);
	if (!vf)
		return -ENOMEM;
	vf->pf = pf;
	pf->nvfs++;
	pci_set_drvdata(pdev, vf);
	return 0;
}

/* patched: pci_physfn() through a local that nothing else uses (removed) */
static void cvf_remove(struct pci_dev *pdev)
{
	struct pci_dev *pfdev = pci_physfn(pdev);
	struct cpf *pf = pci_get_drvdata(pfdev); /* EXPECT PFVF002 */
	struct cvf *vf = pci_get_drvdata(pdev);

	pf->nvfs--;
	kfree(vf);
}

/* patched: an assignment as the first statement of a void function */
static void cvf_shutdown(struct pci_dev *pdev)
{
	struct cpf *pf;

	pf = dev_get_drvdata(&pdev->physfn->dev); /* EXPECT PFVF002 */
	pf->nvfs = 0;
}

/* patched: ->physfn through a local that is used again (kept) */
static int cvf_count(struct pci_dev *pdev)
{
	struct pci_dev *pfdev = pdev->physfn;
	struct cpf *pf = pci_get_drvdata(pfdev); /* EXPECT PFVF002 */

	return pf->nvfs + pci_num_vf(pfdev);
}

/* patched: pci_physfn() in a declaration; a PF keeps reading its own drvdata */
static void cpf_reset_done(struct pci_dev *pdev)
{
	struct cpf *pf = pci_get_drvdata(pci_physfn(pdev)); /* EXPECT PFVF002 */

	pf->nvfs = pci_num_vf(pdev);
}

/* patched: pci_physfn() in the first statement of an int function */
static int cpf_nvfs(struct pci_dev *pdev)
{
	struct cpf *pf;

	pf = dev_get_drvdata(&pci_physfn(pdev)->dev); /* EXPECT PFVF002 */
	return pf->nvfs;
}

/* reported only: a lock is taken before the read (an early return would leak it) */
static int cvf_late_read(struct pci_dev *pdev)
{
	struct cpf *pf;
	int n;

	mutex_lock(&cvf_list_lock);
	pf = pci_get_drvdata(pdev->physfn); /* EXPECT PFVF002 */
	n = pf->nvfs;
	mutex_unlock(&cvf_list_lock);
	return n;
}

/* reported only: a later declaration dereferences it before any check could run */
static int cvf_nvfs(struct pci_dev *pdev)
{
	struct cpf *pf = pci_get_drvdata(pdev->physfn); /* EXPECT PFVF002 */
	int n = pf->nvfs;

	return n;
}

/* reported only: returns a pointer, its callers test for NULL, not IS_ERR() */
static struct cpf *cvf_to_pf(struct pci_dev *pdev)
{
	return pci_get_drvdata(pdev->physfn); /* EXPECT PFVF002 */
}

static int cpf_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct cpf *pf;

	if (pdev->is_virtfn)
		return cvf_probe(pdev) + cvf_count(pdev) + cvf_late_read(pdev) + cvf_nvfs(pdev) +
		       cpf_nvfs(pdev) + (cvf_to_pf(pdev) ? 0 : -ENODEV); /* EXPECT-NOTE PFVF002 */
	pf = kzalloc(sizeof(*pf), GFP_KERNEL);
	if (!pf)
		return -ENOMEM;
	pci_set_drvdata(pdev, pf);
	return pci_enable_sriov(pdev, 4);
}

static void cpf_remove(struct pci_dev *pdev)
{
	struct cpf *pf;

	cpf_reset_done(pdev);
	if (pdev->is_virtfn) {
		cvf_remove(pdev);
		return;
	}
	pf = pci_get_drvdata(pdev);
	pci_disable_sriov(pdev);
	kfree(pf);
}

static struct pci_driver cocci_pf_driver = {
	.name = "cocci_pf",
	.probe = cpf_probe,
	.remove = cpf_remove,
	.shutdown = cvf_shutdown,
};

/*
 * check-name: cocci patch mode, PF drvdata read by a driver that binds PF and VFs
 */
