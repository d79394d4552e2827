/*
 * GitHub's primaryLocationLineHash: what github/codeql-action's upload
 * computes for a result's first line when the SARIF has none, so alerts
 * keep their identity across pushes. Computed here the same way.
 */
#ifndef PFVF_LINEHASH_H
#define PFVF_LINEHASH_H

#include <stddef.h>

/**
 * The line hashes of file @path: (*out)[i] is line i+1's "hex:count"
 * string; *n lines. Returns 0, or -1 if the file cannot be read. The
 * caller frees each string and the array.
 */
int line_hashes(const char *path, char ***out, size_t *n);

#endif
