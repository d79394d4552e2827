/* Writing findings: gcc-style text, and SARIF 2.1.0 through jansson. */
#ifndef PFVF_REPORT_H
#define PFVF_REPORT_H

#include <jansson.h>
#include <stdio.h>
#include "report/finding.h"

/** A TU the scan could not analyse fully: a SARIF tool notification. */
struct tu_problem {
	const char *file;
	const char *message;
};

struct report_ctx {
	const char *srcroot;		/* %SRCROOT%: absolute directory */
	int argc;
	char *const *argv;
	int exit_code;
	const struct rule_info *const *rules;
	size_t nrules;
	const struct tu_problem *problems;
	size_t nproblems;
	json_t *absent;			/* baseline results gone (taken over), or NULL */
	const char *category;		/* automationDetails.id ('name/' for GitHub) */
	const char *tool_name;		/* tool.driver.name (default pfvf-lockcheck) */
	const char *precision;		/* every rule's precision, if set (spatch: low) */
};

/**
 * 'file:line:col: warning: message [ID]' then one 'note:' per step; with a
 * baseline, only the new findings.
 */
int report_text(FILE *out, const struct findings *fs);
/** One self-contained HTML page: findings, paths and source lines. */
int report_html(FILE *out, const struct findings *fs);
/**
 * Append a run of @fs to the SARIF log at @path (a second tool's results
 * next to the first's). Returns 0, or -1 if @path is not a SARIF log or
 * cannot be written.
 */
int report_sarif_append(const char *path, const struct findings *fs,
			const struct report_ctx *ctx);
/** A SARIF 2.1.0 log with one run. Returns 0 or -1 (write error). */
int report_sarif(FILE *out, const struct findings *fs, const struct report_ctx *ctx);

#endif
