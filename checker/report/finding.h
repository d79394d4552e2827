/*
 * Findings: a rule, a level, a message, the primary location and the
 * witness path (one step per frame: entry point, calls, acquisition).
 * Output formats (text.c, sarif.c) only read these.
 */
#ifndef PFVF_FINDING_H
#define PFVF_FINDING_H

#include "analysis/analysis.h"
#include "util/mem.h"

enum level {
	LEVEL_NOTE,
	LEVEL_WARNING,
	LEVEL_ERROR,
};

struct rule_info {
	const char *id;			/* PFVF001 */
	const char *name;		/* pf-device-lock-in-vf-callback */
	enum level level;
	const char *precision;		/* SARIF: very-high, high, medium, low */
	const char *short_desc;
	const char *full_desc;
};

struct location {
	const char *file;
	int line, col;
};

struct step {
	struct location loc;
	char *message;
	int nesting;
};

typedef VEC(struct step) step_vec;

enum baseline_state {
	BASELINE_NONE,		/* no --baseline */
	BASELINE_NEW,
	BASELINE_UNCHANGED,
};

struct finding {
	const struct rule_info *rule;
	int rule_index;
	enum level level;
	char *message;
	struct location loc;
	const char *function;		/* the function containing loc */
	step_vec steps;
	step_vec steps2;		/* the second order or path, if any */
	struct location related;	/* its key acquisition (line 0: none) */
	char fingerprint[33];		/* rule + functions + lock + role */
	enum baseline_state baseline;
	int path_length;		/* calls on the witness path */
};

struct findings {
	VEC(struct finding) v;
	VEC(char *) notices;	/* what a rule could not check, once each */
};

/** Add a note step at @file:@line:@col to @f (@message taken over). */
void finding_note(struct finding *f, const char *file, int line, int col, char *message);
/** Say once that something could not be checked (text: a note; SARIF: a notification). */
void findings_notice(struct findings *fs, char *message);

/**
 * Add a finding of @rule for @be: the primary location is the deepest
 * main-file call on its path; the steps are the entry note and each call.
 * @message is taken over. A second finding of the same rule at the same
 * location replaces the first if its path is shorter (and is returned, to
 * be completed again), else it is dropped and NULL is returned.
 */
struct finding *findings_add(struct findings *fs, const struct rule_info *rule,
			     int rule_index, const struct bound_effect *be,
			     char *message);
/**
 * Like findings_add(), with the primary location at @at's site (@at an
 * effect on @be's chain: where the fix goes); the API call at the end of
 * the chain becomes the related location.
 */
struct finding *findings_add_at(struct findings *fs, const struct rule_info *rule,
				int rule_index, const struct bound_effect *be,
				const struct effect *at, char *message);
/**
 * Like findings_add(), for a finding that needs two paths: @be proves the
 * first (its primary location is the finding's), @other the second, which
 * becomes steps2 and the related location. Returns the finding, or NULL if
 * it duplicated one already reported.
 */
struct finding *findings_add_pair(struct findings *fs, const struct rule_info *rule,
				  int rule_index, const struct bound_effect *be,
				  const struct bound_effect *other, char *message);
/**
 * Add a finding of @rule at event @at of function @fn, for rules that
 * judge one site (no path): the witness is the function itself.
 */
void findings_add_site(struct findings *fs, const struct rule_info *rule,
		       int rule_index, const struct func *fn,
		       const struct event *at, char *message);
/** Add a witness step to @f's first path saying where @key was taken. */
void finding_note_taken(struct finding *f, const struct heldset *held,
			const struct lockkey *key);
/** Sort by file, line, column, rule. */
void findings_sort(struct findings *fs);
/** Drop the findings @keep says no to. */
void findings_filter(struct findings *fs, bool (*keep)(const struct finding *f, const void *arg),
		     const void *arg);
void findings_release(struct findings *fs);

/** "'foo_probe' (.probe of 'foo_driver')" style name of an entry. */
char *entry_describe(const struct entry *e);
/** Line @line of @file without its newline, or NULL; the caller frees it. */
char *source_line(const char *file, int line);
/** 'file' shown relative to the current directory when below it. */
const char *display_path(const char *file);

#endif
