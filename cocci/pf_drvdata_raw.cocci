// SPDX-License-Identifier: GPL-2.0-only
/// A VF reads its PF's drvdata with pci_get_drvdata()/dev_get_drvdata() on
/// the PF (->physfn, pci_physfn()). Nothing checks which driver the PF is
/// bound to, nor keeps it bound: use pci_iov_get_pf_drvdata(), which does
/// both (the PF must call pci_disable_sriov() in .remove first).
/// False positives: code that only ever runs on a PF (pci_physfn() of a PF
/// is the PF itself), and objects whose lifetime is nested in the VF's
/// binding by construction.
//
// Confidence: Moderate
// Copyright: (C) 2026 pfvf-lockcheck authors
// URL: docs/rules/PFVF002.md
// Options: --no-includes --include-headers
// Keywords: PFVF002

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
  pci_get_drvdata@p(pci_physfn(E))
|
  pci_get_drvdata@p(E->physfn)
|
  dev_get_drvdata@p(&E->physfn->dev)
|
  dev_get_drvdata@p(&pci_physfn(E)->dev)
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
  pci_get_drvdata@p(pf)
|
  dev_get_drvdata@p(&pf->dev)
)

// ----------------------------------------------------------------------
// context

@depends on context@
expression E;
@@

(
* pci_get_drvdata(pci_physfn(E))
|
* pci_get_drvdata(E->physfn)
|
* dev_get_drvdata(&E->physfn->dev)
|
* dev_get_drvdata(&pci_physfn(E)->dev)
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
* pci_get_drvdata(pf)
|
* dev_get_drvdata(&pf->dev)
)

// ----------------------------------------------------------------------
// report and org

@script:python depends on report@
p << direct.p;
@@
coccilib.report.print_report(p[0], "PFVF002: PF drvdata read without a lifetime guarantee; use pci_iov_get_pf_drvdata()")

@script:python depends on report@
p << vialocal.p;
@@
coccilib.report.print_report(p[0], "PFVF002: PF drvdata read without a lifetime guarantee; use pci_iov_get_pf_drvdata()")

@script:python depends on org@
p << direct.p;
@@
coccilib.org.print_todo(p[0], "PFVF002: PF drvdata read without a lifetime guarantee; use pci_iov_get_pf_drvdata()")

@script:python depends on org@
p << vialocal.p;
@@
coccilib.org.print_todo(p[0], "PFVF002: PF drvdata read without a lifetime guarantee; use pci_iov_get_pf_drvdata()")
