// SPDX-License-Identifier: GPL-2.0-only
/// A VF reads its PF's drvdata with pci_get_drvdata()/dev_get_drvdata() on
/// the PF (->physfn, pci_physfn()). Nothing checks which driver the PF is
/// bound to, nor keeps it bound: use pci_iov_get_pf_drvdata(), which does
/// both (the PF must call pci_disable_sriov() in .remove first). The
/// accessor's own body is not reported.
/// False positives: code that only ever runs on a PF (pci_physfn() of a PF
/// is the PF itself); objects whose lifetime is nested in the VF's binding
/// by construction; callbacks the core calls with the PF's device lock
/// held (.sriov_set_msix_vec_count), which the libclang rule models.
///
/// Patch mode rewrites a read when the PF's driver is known: the file
/// defines the only struct pci_driver with .sriov_configure, or its only
/// struct pci_driver and calls pci_enable_sriov(); and the file stores a
/// pointer of the type read with pci_set_drvdata(). The read must be the
/// first thing an int or void function does (the initializer of one of its
/// leading declarations, or its first statement), and the declarations
/// around it neither use it nor call anything an early return would have
/// to undo, so that the return added after them skips nothing:
///   T *x = pci_get_drvdata(E->physfn);   (or dev_get_drvdata(&...->dev),
///                                         or through a local PF pointer)
/// becomes
///   T *x = pci_iov_get_pf_drvdata(E, &drv);
///   ...
///   if (IS_ERR(x))
///           return PTR_ERR(x);           (return; in a void function)
/// pci_physfn(E) is E itself on a PF, where the accessor fails, so that
/// read becomes "if (E->is_virtfn) x = pci_iov_get_pf_drvdata(E, &drv);
/// else x = pci_get_drvdata(E);" before the same check: a PF keeps its
/// own read. A local that only held the PF is removed, and the driver is
/// declared before the first function that now names it. Other reads
/// (pointer-returning helpers, reads after other code) are only reported.
/// A comment at the end of the line the check is added after ends up
/// after the check.
//
// Confidence: Moderate
// Copyright: (C) 2026 pfvf-lockcheck authors
// URL: docs/rules/PFVF002.md
// Options: --no-includes --include-headers
// Keywords: PFVF002

virtual patch
virtual report
virtual context
virtual org

// ----------------------------------------------------------------------
// the PF reached directly, or through a local that holds it; never in
// pci_iov_get_pf_drvdata() itself

@direct depends on !patch && (report || org)@
expression E;
position p : script:python() { p[0].current_element != "pci_iov_get_pf_drvdata" };
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

@vialocal depends on !patch && (report || org) exists@
expression E, E2;
identifier pf;
type T;
position p : script:python() { p[0].current_element != "pci_iov_get_pf_drvdata" };
@@

(
  pf = \(pci_physfn(E)\|E->physfn\);
|
  T pf = \(pci_physfn(E)\|E->physfn\);
)
  ... when != pf = E2
(
  pci_get_drvdata@p(pf)
|
  dev_get_drvdata@p(&pf->dev)
)

// ----------------------------------------------------------------------
// context

@depends on !patch && context@
expression E;
position p : script:python() { p[0].current_element != "pci_iov_get_pf_drvdata" };
@@

(
* pci_get_drvdata@p(pci_physfn(E))
|
* pci_get_drvdata@p(E->physfn)
|
* dev_get_drvdata@p(&E->physfn->dev)
|
* dev_get_drvdata@p(&pci_physfn(E)->dev)
)

@depends on !patch && context@
expression E, E2;
identifier pf;
type T;
position p : script:python() { p[0].current_element != "pci_iov_get_pf_drvdata" };
@@

(
  pf = \(pci_physfn(E)\|E->physfn\);
|
  T pf = \(pci_physfn(E)\|E->physfn\);
)
  ... when != pf = E2
(
* pci_get_drvdata@p(pf)
|
* dev_get_drvdata@p(&pf->dev)
)

// ----------------------------------------------------------------------
// patch: which struct pci_driver binds the PF

@initialize:python@
@@
# state of the file being patched (spatch renames the file once a rule has
# transformed it, so it is reset when the next file's drivers are seen):
# driver name -> has .sriov_configure; whether pci_enable_sriov() is
# called; the first line that defines or declares the driver; the first
# line of a function that uses it
st = {"file": None}

def simple(e):
    # evaluated twice in the pci_physfn() rewrite: no calls, no side effects
    return not any(t in e for t in ("(", "++", "--", "="))


@anyread depends on patch && !context && !org && !report@
expression E;
@@

\(pci_physfn(E)\|E->physfn\)

@pcidrv depends on anyread@
identifier d;
position pd;
@@

struct pci_driver d@pd = { ... };

@script:python depends on pcidrv@
d << pcidrv.d;
pd << pcidrv.pd;
@@
if st["file"] != pd[0].file:
    st.clear()
    st.update(file=pd[0].file, drivers={}, sriov=False, drv_line=0, first_use=1 << 30)
st["drivers"][d] = False

@cfgdrv depends on pcidrv@
identifier pcidrv.d, f;
@@

struct pci_driver d = { ..., .sriov_configure = f, ... };

@script:python depends on cfgdrv@
d << pcidrv.d;
pd << pcidrv.pd;
@@
st["drivers"][d] = True

@enables depends on pcidrv@
position pe;
@@

pci_enable_sriov@pe(...)

@script:python depends on enables@
pe << enables.pe;
@@
st["sriov"] = True

@script:python known@
d << pcidrv.d;
pd << pcidrv.pd;
drv;
@@
ds = st["drivers"]
cands = [n for n in ds if ds[n]]
if not cands and len(ds) == 1 and st["sriov"]:
    cands = list(ds)
if cands == [d]:
    coccinelle.drv = d
    st["drv_line"] = int(pd[0].line)
else:
    cocci.include_match(False)

// the type the driver keeps in drvdata (the read must have it)
@setter depends on pcidrv && known@
type T;
T *e;
@@

\(pci_set_drvdata(..., e)\|dev_set_drvdata(..., e)\)

// where each function and each declaration of the driver is, before
// anything changes
@fns depends on setter@
identifier fn;
type R;
position pf;
@@

R fn@pf(...) { ... }

@script:python depends on fns@
fn << fns.fn;
pf << fns.pf;
@@
st.setdefault("fn_line", {})[fn] = int(pf[0].line)

@decls depends on setter@
identifier known.drv;
position pdl;
@@

struct pci_driver drv@pdl;

@script:python depends on decls@
pdl << decls.pdl;
@@
st["drv_line"] = min(st["drv_line"], int(pdl[0].line))

// ----------------------------------------------------------------------
// patch: rewrite reads that are an int or void function's first action.
// Only declarations come before the check, and their initializers call
// nothing that an early return would have to undo (g: any other call).
// E->physfn is only valid on a VF; pci_physfn(E) is E on a PF, so that
// read stays for a PF.

@rw_decl depends on setter disable decl_init@
identifier known.drv;
type setter.T;
type R = {int, void};
expression E : script:python() { simple(E) };
identifier g !~ "^(pci_physfn|pci_get_drvdata|dev_get_drvdata|to_pci_dev|container_of|netdev_priv|pci_name|dev_name)$";
identifier fn, x;
type T2;
identifier i;
constant C;
symbol false, true;
statement S;
@@

R fn(...)
{
  ... when != S
      when != g(...)
(
  T *x =
(
- pci_get_drvdata(E->physfn)
+ pci_iov_get_pf_drvdata(E, &drv)
|
- dev_get_drvdata(&E->physfn->dev)
+ pci_iov_get_pf_drvdata(E, &drv)
)
  ;
  ... when != S
      when != x
      when != g(...)
      when any
(
  T2 i;
+
+ if (IS_ERR(x))
+	return PTR_ERR(x);
|
  T2 i = \(C\|-C\|NULL\|false\|true\|&E->dev\|pci_get_drvdata(E)\|dev_get_drvdata(&E->dev)\);
+
+ if (IS_ERR(x))
+	return PTR_ERR(x);
)
  S
|
  T *x =
(
- pci_get_drvdata(E->physfn)
+ pci_iov_get_pf_drvdata(E, &drv)
|
- dev_get_drvdata(&E->physfn->dev)
+ pci_iov_get_pf_drvdata(E, &drv)
)
  ;
+
+ if (IS_ERR(x))
+	return PTR_ERR(x);
  S
)
  ...
}

@rw_decl_physfn depends on setter disable decl_init@
identifier known.drv;
type setter.T;
type R = {int, void};
expression E : script:python() { simple(E) };
identifier g !~ "^(pci_physfn|pci_get_drvdata|dev_get_drvdata|to_pci_dev|container_of|netdev_priv|pci_name|dev_name)$";
identifier fn, x;
type T2;
identifier i;
constant C;
symbol false, true;
statement S;
@@

R fn(...)
{
  ... when != S
      when != g(...)
(
  T *x
- = \(pci_get_drvdata(pci_physfn(E))\|dev_get_drvdata(&pci_physfn(E)->dev)\)
  ;
  ... when != S
      when != x
      when != g(...)
      when any
(
  T2 i;
+
+ if (E->is_virtfn)
+	x = pci_iov_get_pf_drvdata(E, &drv);
+ else
+	x = pci_get_drvdata(E);
+ if (IS_ERR(x))
+	return PTR_ERR(x);
|
  T2 i = \(C\|-C\|NULL\|false\|true\|&E->dev\|pci_get_drvdata(E)\|dev_get_drvdata(&E->dev)\);
+
+ if (E->is_virtfn)
+	x = pci_iov_get_pf_drvdata(E, &drv);
+ else
+	x = pci_get_drvdata(E);
+ if (IS_ERR(x))
+	return PTR_ERR(x);
)
  S
|
  T *x
- = \(pci_get_drvdata(pci_physfn(E))\|dev_get_drvdata(&pci_physfn(E)->dev)\)
  ;
+
+ if (E->is_virtfn)
+	x = pci_iov_get_pf_drvdata(E, &drv);
+ else
+	x = pci_get_drvdata(E);
+ if (IS_ERR(x))
+	return PTR_ERR(x);
  S
)
  ...
}

@rw_local depends on setter disable decl_init@
identifier known.drv;
type setter.T;
type R = {int, void};
expression E : script:python() { simple(E) };
identifier g !~ "^(pci_physfn|pci_get_drvdata|dev_get_drvdata|to_pci_dev|container_of|netdev_priv|pci_name|dev_name)$";
identifier fn, x, pf;
type T2;
identifier i;
constant C;
symbol false, true;
statement S;
@@

R fn(...)
{
  ... when != S
      when != g(...)
  struct pci_dev *pf = E->physfn;
  ... when != S
      when != g(...)
      when != pf = E
(
  T *x =
(
- pci_get_drvdata(pf)
+ pci_iov_get_pf_drvdata(E, &drv)
|
- dev_get_drvdata(&pf->dev)
+ pci_iov_get_pf_drvdata(E, &drv)
)
  ;
  ... when != S
      when != x
      when != g(...)
      when any
(
  T2 i;
+
+ if (IS_ERR(x))
+	return PTR_ERR(x);
|
  T2 i = \(C\|-C\|NULL\|false\|true\|&E->dev\|pci_get_drvdata(E)\|dev_get_drvdata(&E->dev)\);
+
+ if (IS_ERR(x))
+	return PTR_ERR(x);
)
  S
|
  T *x =
(
- pci_get_drvdata(pf)
+ pci_iov_get_pf_drvdata(E, &drv)
|
- dev_get_drvdata(&pf->dev)
+ pci_iov_get_pf_drvdata(E, &drv)
)
  ;
+
+ if (IS_ERR(x))
+	return PTR_ERR(x);
  S
)
  ...
}

@rw_local_physfn depends on setter disable decl_init@
identifier known.drv;
type setter.T;
type R = {int, void};
expression E : script:python() { simple(E) };
identifier g !~ "^(pci_physfn|pci_get_drvdata|dev_get_drvdata|to_pci_dev|container_of|netdev_priv|pci_name|dev_name)$";
identifier fn, x, pf;
type T2;
identifier i;
constant C;
symbol false, true;
statement S;
@@

R fn(...)
{
  ... when != S
      when != g(...)
  struct pci_dev *pf = pci_physfn(E);
  ... when != S
      when != g(...)
      when != pf = E
(
  T *x
- = \(pci_get_drvdata(pf)\|dev_get_drvdata(&pf->dev)\)
  ;
  ... when != S
      when != x
      when != g(...)
      when any
(
  T2 i;
+
+ if (E->is_virtfn)
+	x = pci_iov_get_pf_drvdata(E, &drv);
+ else
+	x = pci_get_drvdata(E);
+ if (IS_ERR(x))
+	return PTR_ERR(x);
|
  T2 i = \(C\|-C\|NULL\|false\|true\|&E->dev\|pci_get_drvdata(E)\|dev_get_drvdata(&E->dev)\);
+
+ if (E->is_virtfn)
+	x = pci_iov_get_pf_drvdata(E, &drv);
+ else
+	x = pci_get_drvdata(E);
+ if (IS_ERR(x))
+	return PTR_ERR(x);
)
  S
|
  T *x
- = \(pci_get_drvdata(pf)\|dev_get_drvdata(&pf->dev)\)
  ;
+
+ if (E->is_virtfn)
+	x = pci_iov_get_pf_drvdata(E, &drv);
+ else
+	x = pci_get_drvdata(E);
+ if (IS_ERR(x))
+	return PTR_ERR(x);
  S
)
  ...
}

@rw_assign depends on setter@
identifier known.drv;
type setter.T;
type R = {int, void};
expression E : script:python() { simple(E) };
identifier g !~ "^(pci_physfn|pci_get_drvdata|dev_get_drvdata|to_pci_dev|container_of|netdev_priv|pci_name|dev_name)$";
statement S;
identifier fn;
T *x;
@@

R fn(...)
{
  ... when != S
      when != g(...)
  x =
(
- pci_get_drvdata(E->physfn)
+ pci_iov_get_pf_drvdata(E, &drv)
|
- dev_get_drvdata(&E->physfn->dev)
+ pci_iov_get_pf_drvdata(E, &drv)
)
  ;
+ if (IS_ERR(x))
+	return PTR_ERR(x);
  ...
}

@rw_assign_physfn depends on setter@
identifier known.drv;
type setter.T;
type R = {int, void};
expression E : script:python() { simple(E) };
identifier g !~ "^(pci_physfn|pci_get_drvdata|dev_get_drvdata|to_pci_dev|container_of|netdev_priv|pci_name|dev_name)$";
statement S;
identifier fn;
T *x;
@@

R fn(...)
{
  ... when != S
      when != g(...)
- x = \(pci_get_drvdata(pci_physfn(E))\|dev_get_drvdata(&pci_physfn(E)->dev)\);
+ if (E->is_virtfn)
+	x = pci_iov_get_pf_drvdata(E, &drv);
+ else
+	x = pci_get_drvdata(E);
+ if (IS_ERR(x))
+	return PTR_ERR(x);
  ...
}

// a void function returns nothing
@depends on rw_decl || rw_decl_physfn || rw_local || rw_local_physfn || rw_assign || rw_assign_physfn@
identifier fn;
expression x;
@@

void fn(...)
{
  <...
  if (IS_ERR(x))
- 	return PTR_ERR(x);
+	return;
  ...>
}

// a local that only held the PF is no longer used
@depends on rw_local || rw_local_physfn@
identifier fn, pf;
expression E;
type R;
@@

R fn(...)
{
  ...
- struct pci_dev *pf = \(E->physfn\|pci_physfn(E)\);
  ... when != pf
}

// declare the driver before the first function that now names it, unless
// it is declared or defined above that (lines of the file as it was read:
// spatch re-parses each function it changed on its own)
@uses depends on rw_decl || rw_decl_physfn || rw_local || rw_local_physfn || rw_assign || rw_assign_physfn@
identifier known.drv;
identifier fn;
type R;
@@

R fn(...)
{
  <+... pci_iov_get_pf_drvdata(..., &drv) ...+>
}

@script:python depends on uses@
fn << uses.fn;
@@
st["first_use"] = min(st["first_use"], st["fn_line"].get(fn, 1 << 30))

@script:python first@
fn << uses.fn;
fname;
@@
line = st["fn_line"].get(fn, 1 << 30)
if line == st["first_use"] and line < st["drv_line"]:
    coccinelle.fname = fn
else:
    cocci.include_match(False)

@isstatic depends on uses && first@
identifier known.drv;
@@

static struct pci_driver drv = { ... };

@depends on uses && isstatic@
identifier known.drv, first.fname;
type R;
@@

+ static struct pci_driver drv;
+
  R fname(...) { ... }

@depends on uses && first && !isstatic@
identifier known.drv, first.fname;
type R;
@@

+ extern struct pci_driver drv;
+
  R fname(...) { ... }

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
