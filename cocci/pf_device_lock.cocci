// SPDX-License-Identifier: GPL-2.0-only
/// The device lock of a PF (->physfn, pci_physfn()) taken by code that may
/// run for a VF. The core holds the PF's lock while it removes VFs under
/// their own locks (sriov_numvfs -> .sriov_configure -> pci_disable_sriov
/// -> VF .remove), so a VF callback taking it deadlocks. Lockdep does not
/// see device mutexes.
/// False positives: code the core never calls under a VF's device lock;
/// the libclang analysis (PFVF001) checks the calling context.
//
// Confidence: Moderate
// Copyright: (C) 2026 pfvf-lockcheck authors
// URL: docs/rules/PFVF001.md
// Options: --no-includes --include-headers
// Keywords: PFVF001

virtual report
virtual context
virtual org

// ----------------------------------------------------------------------
// the PF reached directly, or through a local that holds it

@direct depends on report || org@
expression E;
position p;
@@

(
  device_lock@p(&E->physfn->dev)
|
  device_lock@p(&pci_physfn(E)->dev)
|
  pci_dev_lock@p(E->physfn)
|
  pci_dev_lock@p(pci_physfn(E))
)

@vialocal depends on report || org@
expression E;
identifier pf;
type T;
position p;
@@

(
  pf = \(pci_physfn(E)\|E->physfn\);
|
  T pf = \(pci_physfn(E)\|E->physfn\);
)
  ... when != pf = E
(
  pci_dev_lock@p(pf)
|
  device_lock@p(&pf->dev)
)

// ----------------------------------------------------------------------
// context

@depends on context@
expression E;
@@

(
* device_lock(&E->physfn->dev)
|
* device_lock(&pci_physfn(E)->dev)
|
* pci_dev_lock(E->physfn)
|
* pci_dev_lock(pci_physfn(E))
)

@depends on context@
expression E;
identifier pf;
type T;
@@

(
  pf = \(pci_physfn(E)\|E->physfn\);
|
  T pf = \(pci_physfn(E)\|E->physfn\);
)
  ... when != pf = E
(
* pci_dev_lock(pf)
|
* device_lock(&pf->dev)
)

// ----------------------------------------------------------------------
// report and org

@script:python depends on report@
p << direct.p;
@@
coccilib.report.print_report(p[0], "PFVF001: device lock of the PF taken; deadlocks if this runs under a VF's device lock")

@script:python depends on report@
p << vialocal.p;
@@
coccilib.report.print_report(p[0], "PFVF001: device lock of the PF taken; deadlocks if this runs under a VF's device lock")

@script:python depends on org@
p << direct.p;
@@
coccilib.org.print_todo(p[0], "PFVF001: device lock of the PF taken; deadlocks if this runs under a VF's device lock")

@script:python depends on org@
p << vialocal.p;
@@
coccilib.org.print_todo(p[0], "PFVF001: device lock of the PF taken; deadlocks if this runs under a VF's device lock")
