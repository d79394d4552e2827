/*
 * Every rule, once: RULE(ID, slug). Included by checks.h (declarations)
 * and checks.c (the table). IDs are stable and never reused; the order is
 * the SARIF ruleIndex order, so append new rules at the end.
 */
RULE(PFVF001, pfvf001)
RULE(PFVF002, pfvf002)
RULE(PFVF007, pfvf007)
RULE(PFVF009, pfvf009)
