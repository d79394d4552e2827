// SPDX-License-Identifier: GPL-2.0-only
/// pci_lock_rescan_remove() in a PCI driver's .remove. The core calls
/// .remove with that lock held on the sysfs remove, hot-unplug and EEH
/// paths (not on unbind), so taking it there deadlocks.
/// False positives: none known for .remove itself; helpers called from
/// .remove are found by the libclang analysis (PFVF004).
/// No patch mode: removing the lock/unlock pair is no fix, because on
/// unbind and module unload the core does not hold the lock and the
/// removal it guards would then race rescans; the work has to move out of
/// .remove (or be deferred), which needs a human.
//
// Confidence: High
// Copyright: (C) 2026 pfvf-lockcheck authors
// URL: docs/rules/PFVF004.md
// Options: --no-includes --include-headers
// Keywords: PFVF004

virtual report
virtual context
virtual org

// only files that take the lock at all
@rescan@
@@

pci_lock_rescan_remove()

@drv depends on rescan@
identifier d, rm;
@@
struct pci_driver d = { ..., .remove = rm, ... };

@r depends on report || org@
identifier drv.rm;
position p;
@@
rm(...)
{
<...
  pci_lock_rescan_remove@p();
...>
}

@depends on context@
identifier drv.rm;
@@
rm(...)
{
<...
* pci_lock_rescan_remove();
...>
}

@script:python depends on report@
p << r.p;
@@
coccilib.report.print_report(p[0], "PFVF004: pci_lock_rescan_remove() in .remove; the core may already hold it (hot-unplug, sysfs remove)")

@script:python depends on org@
p << r.p;
@@
coccilib.org.print_todo(p[0], "PFVF004: rescan lock taken in .remove")
