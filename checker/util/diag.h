/* Tool diagnostics: errors about input, never findings (those are in report/). */
#ifndef PFVF_DIAG_H
#define PFVF_DIAG_H

#include <stdbool.h>
#include <stdnoreturn.h>

/** Print "pfvf-lockcheck: error: ..." to stderr; always returns -1. */
int error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/** Print "pfvf-lockcheck: warning: ..." to stderr. */
void warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/** Print "pfvf-lockcheck: ..." to stderr unless quiet. */
void info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/** Print an error and exit with status 2 (usage or input error). */
noreturn void die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/** A broken invariant of the tool itself. */
#define BUG(...) bug_at(__FILE__, __LINE__, __VA_ARGS__)
noreturn void bug_at(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Diagnostic counters: the only mutable globals besides the options. */
extern unsigned diag_errors;
extern bool diag_quiet;

#endif
