// SPDX-License-Identifier: GPL-2.0-only
/// A PCI driver's .remove frees or unregisters state (free_netdev(),
/// unregister_netdev(), devlink_free(), pci_release_regions(),
/// pci_disable_device(), pci_iounmap(), kfree() of its drvdata) and calls
/// pci_disable_sriov() later on the same path. VF drivers stay bound until
/// pci_disable_sriov() returns, and pci_iov_get_pf_drvdata() is only safe
/// because "the PF driver must call pci_disable_sriov() in its remove
/// function before destroying any of the drvdata": a VF reaching the PF in
/// that window uses freed memory or dead hardware. Disable SR-IOV first.
/// A call in .remove to a helper of the same file that tears down (or
/// disables SR-IOV) counts as the call it makes.
/// False positives: VF drivers that never reach the PF's state (no
/// pci_iov_get_pf_drvdata(), a hardware mailbox only); teardown of state
/// the VFs do not use. Deeper helpers are followed by the libclang
/// analysis (PFVF003), which also covers module exit.
/// No patch mode: moving pci_disable_sriov() earlier moves it away from the
/// driver's own VF bookkeeping around it and past code its arguments may
/// depend on; the reorder needs a human.
//
// Confidence: Moderate
// Copyright: (C) 2026 pfvf-lockcheck authors
// URL: docs/rules/PFVF003.md
// Options: --no-includes --include-headers
// Keywords: PFVF003

virtual report
virtual context
virtual org

@initialize:python@
@@
# the teardown calls of the libclang rule (rules/kernel-locks.yaml,
# action: teardown) and the netdev's unregistration (also in rule tdh)
TEARDOWN = {"free_netdev", "unregister_netdev", "devlink_free",
            "pci_release_regions", "pci_release_selected_regions",
            "pci_release_mem_regions", "pci_disable_device", "pci_iounmap"}
# (file, function) -> what a helper of that file does: "teardown",
# "disable" (it disables SR-IOV, whatever else it does)
helpers = {}
# pci_disable_sriov() calls already reported (one report each)
seen = set()

def first(p):
    key = (p[0].file, p[0].line, p[0].column)
    if key in seen:
        return False
    seen.add(key)
    return True

def teardown(p, f):
    return f in TEARDOWN or helpers.get((p[0].file, f)) == "teardown"

def disable(p, f):
    return f == "pci_disable_sriov" or helpers.get((p[0].file, f)) == "disable"

// only files that disable SR-IOV themselves (in .remove or a helper)
@sriov@
@@

pci_disable_sriov(...)

@drv depends on sriov@
identifier d, rm;
@@

struct pci_driver d = { ..., .remove = rm, ... };

// helpers of the same file, one call deep: the function around each call
@tdh depends on drv@
identifier f = {free_netdev, unregister_netdev, devlink_free, pci_release_regions,
                pci_release_selected_regions, pci_release_mem_regions,
                pci_disable_device, pci_iounmap};
position ph;
@@

f@ph(...)

@script:python depends on tdh@
ph << tdh.ph;
@@
helpers.setdefault((ph[0].file, ph[0].current_element), "teardown")

@dsh depends on drv@
position ph;
@@

pci_disable_sriov@ph(...)

@script:python depends on dsh@
ph << dsh.ph;
@@
helpers[(ph[0].file, ph[0].current_element)] = "disable"

// ----------------------------------------------------------------------
// teardown, then pci_disable_sriov() on some path of .remove

@r exists@
identifier drv.rm;
identifier t, s, t0;
position p0 : script:python(t0) { teardown(p0, t0) };
position p1 : script:python(t) { teardown(p1, t) };
position p2 : script:python(s) { disable(p2, s) };
expression E1, E2;
@@

rm(...)
{
  ... when != t0@p0(...)
(
  t@p1(...);
|
  E1 = t@p1(...);
)
  ... when any
(
  s@p2(...);
|
  E2 = s@p2(...);
)
  ... when any
}

// kfree() of the drvdata, then pci_disable_sriov()
@rfree exists@
identifier drv.rm;
identifier s;
identifier fr = {kfree, kvfree, vfree};
position p1;
position p2 : script:python(s) { disable(p2, s) };
expression P, E2;
idexpression x;
@@

rm(...)
{
  ... when any
  x = \(pci_get_drvdata(P)\|dev_get_drvdata(&P->dev)\)
  ... when any
  fr@p1(x);
  ... when != x = E2
      when any
(
  s@p2(...);
|
  E2 = s@p2(...);
)
  ... when any
}

// ----------------------------------------------------------------------
// context

@depends on context exists@
identifier drv.rm;
identifier t, s;
position p1 : script:python(t) { teardown(p1, t) };
position p2 : script:python(s) { disable(p2, s) };
expression E1, E2;
@@

rm(...)
{
  ... when any
(
* t@p1(...);
|
* E1 = t@p1(...);
)
  ... when any
(
* s@p2(...);
|
* E2 = s@p2(...);
)
  ... when any
}

@depends on context exists@
identifier drv.rm;
identifier s;
identifier fr = {kfree, kvfree, vfree};
position p2 : script:python(s) { disable(p2, s) };
expression P, E2;
idexpression x;
@@

rm(...)
{
  ... when any
  x = \(pci_get_drvdata(P)\|dev_get_drvdata(&P->dev)\)
  ... when any
* fr(x);
  ... when != x = E2
      when any
(
* s@p2(...);
|
* E2 = s@p2(...);
)
  ... when any
}

// ----------------------------------------------------------------------
// report and org

@script:python depends on report@
p1 << r.p1;
p2 << r.p2;
t << r.t;
s << r.s;
@@
if first(p2):
    coccilib.report.print_report(p2[0], "PFVF003: %s() in .remove after %s() on line %s; VF drivers may use that state until SR-IOV is disabled" % (s, t, p1[0].line))

@script:python depends on report@
p1 << rfree.p1;
p2 << rfree.p2;
fr << rfree.fr;
s << rfree.s;
@@
if first(p2):
    coccilib.report.print_report(p2[0], "PFVF003: %s() in .remove after %s() of its drvdata on line %s; VF drivers may use that state until SR-IOV is disabled" % (s, fr, p1[0].line))

@script:python depends on org@
p1 << r.p1;
p2 << r.p2;
t << r.t;
s << r.s;
@@
if first(p2):
    coccilib.org.print_todo(p2[0], "PFVF003: %s() in .remove after %s()" % (s, t))
    coccilib.org.print_link(p1[0], "")

@script:python depends on org@
p1 << rfree.p1;
p2 << rfree.p2;
fr << rfree.fr;
s << rfree.s;
@@
if first(p2):
    coccilib.org.print_todo(p2[0], "PFVF003: %s() in .remove after %s() of its drvdata" % (s, fr))
    coccilib.org.print_link(p1[0], "")
