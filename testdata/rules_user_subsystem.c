// SPDX-License-Identifier: GPL-2.0
/*
 * A subsystem the built-in model does not know: its lock wrapper and its
 * VF callback come from testdata/rules_user/my-subsystem.yaml. Without
 * '--rules testdata/rules_user' nothing here is a finding.
 */
#include <linux/pci.h>

void my_pf_lock(struct pci_dev *pf);
void my_pf_unlock(struct pci_dev *pf);

struct my_vf_ops {
	int (*vf_event)(struct pci_dev *vf, int event);
};

static int vf_event(struct pci_dev *vf, int event)
{
	struct pci_dev *pf = pci_physfn(vf);

	my_pf_lock(pf); /* EXPECT PFVF001: 'my_pf_lock' */
	my_pf_unlock(pf);
	return event;
}

static const struct my_vf_ops ops = {
	.vf_event = vf_event,
};

/*
 * check-name: user rules add a lock API and a callback context
 * check-command: --rules $TESTDATA/rules_user
 */
