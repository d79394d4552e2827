/* 'pfvf-lockcheck cocci': the fast, no-build path through Coccinelle. */
#ifndef PFVF_COCCI_H
#define PFVF_COCCI_H

/** Run the cocci/ scripts with spatch over directories; exit status. */
int cmd_cocci(int argc, char **argv);

#endif
