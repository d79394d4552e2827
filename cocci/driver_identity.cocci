// SPDX-License-Identifier: GPL-2.0-only
/// The driver bound to another device compared by hand
/// (pci_dev_driver(x) == &drv, x->physfn->driver != &drv). Nothing holds
/// that driver bound while the result is used, and every new driver type
/// needs another comparison (vfio device sets replaced such checks). Use
/// pci_iov_get_pf_drvdata() for a PF, or VFIO device sets.
/// False positives: a driver comparing its own device's driver in its
/// callbacks (the libclang rule PFVF008 knows which device is whose).
///
/// Patch mode rewrites the PF forms only: x->physfn->driver == &drv and
/// pci_dev_driver(x->physfn) == &drv become
/// !IS_ERR(pci_iov_get_pf_drvdata(x, &drv)) (!= becomes IS_ERR(...)).
/// ->physfn is only valid on a VF, and there the accessor's result is an
/// error exactly when the PF is not bound to drv, so the test is the same;
/// on a PF it reads the union's SR-IOV state, where the accessor says no.
/// pci_dev_driver(pci_physfn(x)) and other devices (vfio's reset-group
/// walk) have no such accessor: reported only.
//
// Confidence: Moderate
// Copyright: (C) 2026 pfvf-lockcheck authors
// URL: docs/rules/PFVF008.md
// Options: --no-includes --include-headers
// Keywords: PFVF008

virtual patch
virtual report
virtual context
virtual org

@depends on patch && !context && !org && !report@
expression E, D;
@@

(
- E->physfn->driver == &D
+ !IS_ERR(pci_iov_get_pf_drvdata(E, &D))
|
- E->physfn->driver != &D
+ IS_ERR(pci_iov_get_pf_drvdata(E, &D))
|
- pci_dev_driver(E->physfn) == &D
+ !IS_ERR(pci_iov_get_pf_drvdata(E, &D))
|
- pci_dev_driver(E->physfn) != &D
+ IS_ERR(pci_iov_get_pf_drvdata(E, &D))
)

@r depends on !patch && (report || org)@
expression E, D, F;
position p;
@@

(
  pci_dev_driver(E) ==@p \(&D\|pci_dev_driver(F)\)
|
  pci_dev_driver(E) !=@p \(&D\|pci_dev_driver(F)\)
|
  E->physfn->driver ==@p &D
|
  E->physfn->driver !=@p &D
)

@viavar depends on !patch && (report || org) exists@
expression E, E2, D, F;
identifier drv;
type T;
position p;
@@

(
  drv = pci_dev_driver(E);
|
  T drv = pci_dev_driver(E);
)
  ... when != drv = E2
(
  drv ==@p \(&D\|pci_dev_driver(F)\)
|
  drv !=@p \(&D\|pci_dev_driver(F)\)
)

@depends on !patch && context@
expression E, D, F;
@@

(
* pci_dev_driver(E) == \(&D\|pci_dev_driver(F)\)
|
* pci_dev_driver(E) != \(&D\|pci_dev_driver(F)\)
|
* E->physfn->driver == &D
|
* E->physfn->driver != &D
)

@script:python depends on report@
p << r.p;
@@
coccilib.report.print_report(p[0], "PFVF008: driver identity of a device compared by hand")

@script:python depends on report@
p << viavar.p;
@@
coccilib.report.print_report(p[0], "PFVF008: driver identity of a device compared by hand")

@script:python depends on org@
p << r.p;
@@
coccilib.org.print_todo(p[0], "PFVF008: driver identity of a device compared by hand")

@script:python depends on org@
p << viavar.p;
@@
coccilib.org.print_todo(p[0], "PFVF008: driver identity of a device compared by hand")
