// SPDX-License-Identifier: GPL-2.0-only
/// The device lock of a PF (->physfn, pci_physfn()) taken by code that may
/// run for a VF. The core holds the PF's lock while it removes VFs under
/// their own locks (sriov_numvfs -> .sriov_configure -> pci_disable_sriov
/// -> VF .remove), so a VF callback taking it deadlocks. Lockdep does not
/// see device mutexes.
/// Also guard(device) of the PF (not scoped_guard(), which Coccinelle sees
/// as a loop: the libclang rule PFVF001 covers it).
/// False positives: code the core never calls under a VF's device lock;
/// the libclang analysis (PFVF001) checks the calling context.
/// No patch mode: dropping the lock is no fix (the code then reads the PF
/// unlocked); the fix is pci_iov_get_pf_drvdata() and a lock of the PF
/// driver's own (see pf_drvdata_raw.cocci's patch mode for the read).
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

// (at most five alternatives per rule and five rules per mode: beyond
// that spatch's file prefilter gives up and parses every file)

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

@guarded depends on report || org@
symbol device;
expression E;
position p;
@@

(
  guard@p(device)(&E->physfn->dev)
|
  guard@p(device)(&pci_physfn(E)->dev)
)

@vialocal depends on report || org exists@
symbol device;
expression E, E2;
identifier pf;
type T;
position p;
@@

(
  pf = \(pci_physfn(E)\|E->physfn\);
|
  T pf = \(pci_physfn(E)\|E->physfn\);
)
  ... when != pf = E2
(
  pci_dev_lock@p(pf)
|
  device_lock@p(&pf->dev)
|
  guard@p(device)(&pf->dev)
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
symbol device;
expression E;
@@

(
* guard(device)(&E->physfn->dev)
|
* guard(device)(&pci_physfn(E)->dev)
)

@depends on context@
symbol device;
expression E, E2;
identifier pf;
type T;
@@

(
  pf = \(pci_physfn(E)\|E->physfn\);
|
  T pf = \(pci_physfn(E)\|E->physfn\);
)
  ... when != pf = E2
(
* pci_dev_lock(pf)
|
* device_lock(&pf->dev)
|
* guard(device)(&pf->dev)
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

@script:python depends on report@
p << guarded.p;
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

@script:python depends on org@
p << guarded.p;
@@
coccilib.org.print_todo(p[0], "PFVF001: device lock of the PF taken; deadlocks if this runs under a VF's device lock")
