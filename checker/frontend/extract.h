/*
 * The front end: parse one TU with libclang and turn each function into a
 * small CFG of events (facts/facts.h). Nothing after this stage sees an AST.
 */
#ifndef PFVF_EXTRACT_H
#define PFVF_EXTRACT_H

#include <clang-c/Index.h>
#include "facts/facts.h"
#include "frontend/flags.h"
#include "util/hash.h"

/* Bump when extraction changes what it records: cached TUs are redone. */
#define EXTRACTOR_VERSION "pfvf-extract-15"

/**
 * Parse @file (absolute) with @args (already filtered) and fill @tf, which
 * the caller has initialised. Header inline functions called from the
 * main file are extracted too (depth-limited). @dc memoises header hashes.
 * Returns 0 when a TU was produced (tf->status says whether clang reported
 * errors), -1 when libclang produced none (tf->status = TU_FAILED and
 * tf->diag says why).
 */
int extract_tu(CXIndex index, const char *file, const char *directory,
	       const struct argv_list *args, struct depcache *dc,
	       struct tu_facts *tf);

/** The cache key of a TU: extractor version, flags and its files' hashes. */
void tu_hash(const char *flags, const struct fact_dep *deps, size_t ndeps,
	     char *hex);

#endif
