/*
 * --baseline OLD.sarif: a finding whose stable fingerprint (rule,
 * functions, API, lock; not line numbers) is in the old report is
 * 'unchanged', else 'new'; old results not found again are 'absent'.
 */
#include <string.h>
#include "report/baseline.h"
#include "util/diag.h"

static const char *fingerprint_of(json_t *result)
{
	json_t *fp = json_object_get(result, "partialFingerprints");

	return json_string_value(json_object_get(fp, "pfvfLockcheck/v1"));
}

int baseline_load(struct baseline *b, const char *path)
{
	json_error_t err;
	json_t *runs;

	memset(b, 0, sizeof(*b));
	b->root = json_load_file(path, 0, &err);
	if (!b->root)
		return error("cannot read baseline '%s': %s (line %d)", path, err.text,
			     err.line);
	runs = json_object_get(b->root, "runs");
	if (!json_is_array(runs) || !json_array_size(runs) ||
	    !json_is_array(json_object_get(json_array_get(runs, 0), "results"))) {
		json_decref(b->root);
		b->root = NULL;
		return error("baseline '%s' is not a SARIF log with results", path);
	}
	b->results = json_object_get(json_array_get(runs, 0), "results");
	return 0;
}

static bool in_baseline(const struct baseline *b, const char *fp)
{
	size_t i;
	json_t *r;

	json_array_foreach(b->results, i, r) {
		const char *o = fingerprint_of(r);

		if (o && !strcmp(o, fp))
			return true;
	}
	return false;
}

void baseline_mark(const struct baseline *b, struct findings *fs)
{
	size_t i;

	for (i = 0; i < fs->v.n; i++)
		fs->v.v[i].baseline = in_baseline(b, fs->v.v[i].fingerprint)
					? BASELINE_UNCHANGED : BASELINE_NEW;
}

json_t *baseline_absent(const struct baseline *b, const struct findings *fs)
{
	json_t *out = json_array(), *r;
	size_t i, j;

	json_array_foreach(b->results, i, r) {
		const char *fp = fingerprint_of(r);
		bool found = false;

		for (j = 0; fp && j < fs->v.n && !found; j++)
			found = !strcmp(fs->v.v[j].fingerprint, fp);
		if (found || !fp)
			continue;
		r = json_deep_copy(r);
		json_object_set_new(r, "baselineState", json_string("absent"));
		json_array_append_new(out, r);
	}
	return out;
}

void baseline_release(struct baseline *b)
{
	json_decref(b->root);
	memset(b, 0, sizeof(*b));
}
