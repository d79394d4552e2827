/*
 * Every rule, once: RULE(ID, slug). Included by checks.h (declarations)
 * and checks.c (the table), in ID order, which is also the SARIF
 * ruleIndex order. IDs are stable and never reused.
 */
RULE(PFVF001, pfvf001)
RULE(PFVF002, pfvf002)
RULE(PFVF003, pfvf003)
RULE(PFVF004, pfvf004)
RULE(PFVF005, pfvf005)
RULE(PFVF006, pfvf006)
RULE(PFVF007, pfvf007)
RULE(PFVF008, pfvf008)
RULE(PFVF009, pfvf009)
RULE(PFVF010, pfvf010)
RULE(PFVF011, pfvf011)
