/*
 * SARIF 2.1.0 (OASIS), built as a jansson tree and dumped once: one run,
 * the rules in tool.driver, paths relative to %SRCROOT%, the witness path
 * as codeFlows[0].threadFlows[0].
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "report/linehash.h"
#include "report/report.h"
#include "version.h"

#define SARIF_MAX_RESULTS 25000

static const char *sarif_level(enum level l)
{
	switch (l) {
	case LEVEL_ERROR:
		return "error";
	case LEVEL_WARNING:
		return "warning";
	default:
		return "note";
	}
}

static json_t *text_msg(const char *s)
{
	return json_pack("{s:s}", "text", s);
}

static json_t *artifact(const char *file, const char *srcroot)
{
	size_t n = srcroot ? strlen(srcroot) : 0;

	if (n && !strncmp(file, srcroot, n) && file[n] == '/')
		return json_pack("{s:s, s:s}", "uri", file + n + 1,
				 "uriBaseId", "%SRCROOT%");
	return json_pack("{s:s+}", "uri", "file://", file);
}

static json_t *physical(const struct location *l, const char *srcroot)
{
	return json_pack("{s:{s:o, s:{s:i, s:i}}}", "physicalLocation",
			 "artifactLocation", artifact(l->file, srcroot),
			 "region", "startLine", l->line, "startColumn",
			 l->col > 0 ? l->col : 1);
}

/* The rule's page (docs/rules/ID.md) as its help markdown, if installed. */
static char *help_markdown(const struct rule_info *r)
{
	const char *dir = getenv("PFVF_DOCS_DIR");
	char *path = xasprintf("%s/rules/%s.md", dir && *dir ? dir : PFVF_SOURCE_DIR "/docs", r->id);
	struct strbuf sb = STRBUF_INIT;
	char buf[4096];
	size_t n;
	FILE *f = fopen(path, "r");

	free(path);
	if (!f)
		return xasprintf("%s\n\nSee docs/rules/%s.md.", r->full_desc, r->id);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		strbuf_add(&sb, buf, n);
	fclose(f);
	return strbuf_detach(&sb);
}

static json_t *rules_json(const struct report_ctx *ctx)
{
	json_t *rules = json_array();
	size_t i;

	for (i = 0; i < ctx->nrules; i++) {
		const struct rule_info *r = ctx->rules[i];
		char *uri = xasprintf("file://%s/docs/rules/%s.md", PFVF_SOURCE_DIR, r->id);
		char *md = help_markdown(r);

		json_array_append_new(rules, json_pack(
			"{s:s, s:s, s:o, s:o, s:{s:s, s:s}, s:s, s:{s:s}, s:{s:[s,s], s:s}}",
			"id", r->id,
			"name", r->name,
			"shortDescription", text_msg(r->short_desc),
			"fullDescription", text_msg(r->full_desc),
			"help", "text", r->full_desc,
			"markdown", md,
			"helpUri", uri,
			"defaultConfiguration", "level", sarif_level(r->level),
			"properties", "tags", "concurrency", "sr-iov",
			"precision", ctx->precision ? ctx->precision : r->precision));
		free(uri);
		free(md);
	}
	return rules;
}

static json_t *thread_flow(const step_vec *v, const char *srcroot)
{
	json_t *steps = json_array();
	size_t i;

	for (i = 0; i < v->n; i++) {
		const struct step *s = &v->v[i];
		json_t *loc = physical(&s->loc, srcroot);

		json_object_set_new(loc, "message", text_msg(s->message));
		json_array_append_new(steps, json_pack("{s:o, s:i}", "location",
						       loc, "nestingLevel", s->nesting));
	}
	return json_pack("{s:o}", "locations", steps);
}

/* Line hashes per file, computed once per report. */
struct hash_cache {
	const char *file;
	char **lines;
	size_t n;
	int ok;
};

static const char *line_hash(struct hash_cache **cache, size_t *ncache,
			     const char *file, int line)
{
	struct hash_cache *c = NULL;
	size_t i;

	for (i = 0; i < *ncache; i++)
		if ((*cache)[i].file == file)
			c = &(*cache)[i];
	if (!c) {
		*cache = xrealloc(*cache, (*ncache + 1) * sizeof(**cache));
		c = &(*cache)[(*ncache)++];
		c->file = file;
		c->lines = NULL;
		c->n = 0;
		c->ok = line_hashes(file, &c->lines, &c->n) == 0;
	}
	if (!c->ok || line < 1 || (size_t)line > c->n)
		return NULL;
	return c->lines[line - 1];
}

static json_t *result_json(const struct finding *f, const char *srcroot,
			   struct hash_cache **cache, size_t *ncache)
{
	json_t *flows = json_array(), *r;
	const char *lh;

	json_array_append_new(flows, thread_flow(&f->steps, srcroot));
	if (f->steps2.n)
		json_array_append_new(flows, thread_flow(&f->steps2, srcroot));
	r = json_pack("{s:s, s:i, s:s, s:o, s:[o], s:[{s:o}], s:{s:s}}",
		      "ruleId", f->rule->id,
		      "ruleIndex", f->rule_index,
		      "level", sarif_level(f->level),
		      "message", f->related.line
				? json_pack("{s:s+}", "text", f->message,
					    " (see [the other path's acquisition](1))")
				: text_msg(f->message),
		      "locations", physical(&f->loc, srcroot),
		      "codeFlows", "threadFlows", flows,
		      "partialFingerprints", "pfvfLockcheck/v1", f->fingerprint);
	/* what GitHub's upload would add, so alerts match across tools */
	lh = line_hash(cache, ncache, f->loc.file, f->loc.line);
	if (lh)
		json_object_set_new(json_object_get(r, "partialFingerprints"),
				    "primaryLocationLineHash", json_string(lh));
	if (f->baseline != BASELINE_NONE)
		json_object_set_new(r, "baselineState",
				    json_string(f->baseline == BASELINE_NEW ? "new" : "unchanged"));
	if (f->related.line) {
		json_t *rel = physical(&f->related, srcroot);

		json_object_set_new(rel, "id", json_integer(1));
		json_object_set_new(rel, "message", text_msg("the other acquisition"));
		json_object_set_new(r, "relatedLocations", json_pack("[o]", rel));
	}
	return r;
}

/* One SARIF run of @fs. */
static json_t *sarif_run(const struct findings *fs, const struct report_ctx *ctx)
{
	json_t *results = json_array(), *notes = json_array(), *root, *cmd, *artifacts;
	char *cmdline;
	char *srcroot_uri = xasprintf("file://%s/", ctx->srcroot);
	struct hash_cache *cache = NULL;
	size_t i, j, ncache = 0;

	/* GitHub code scanning takes at most 25,000 results per run */
	for (i = 0; i < fs->v.n && i < SARIF_MAX_RESULTS; i++)
		json_array_append_new(results, result_json(&fs->v.v[i], ctx->srcroot,
							   &cache, &ncache));
	if (fs->v.n > SARIF_MAX_RESULTS) {
		char *msg = xasprintf("%zu findings, only the first %d are in this log (GitHub's limit per run); use --baseline or narrow the scan",
				      fs->v.n, SARIF_MAX_RESULTS);

		json_array_append_new(notes, json_pack("{s:s, s:o}", "level", "warning",
						       "message", text_msg(msg)));
		free(msg);
	}
	if (ctx->absent)
		json_array_extend(results, ctx->absent);
	for (i = 0; i < ncache; i++) {
		for (j = 0; cache[i].ok && j < cache[i].n; j++)
			free(cache[i].lines[j]);
		free(cache[i].lines);
	}
	free(cache);
	for (i = 0; i < ctx->nproblems; i++) {
		struct location l = { ctx->problems[i].file, 1, 1 };

		json_array_append_new(notes, json_pack("{s:s, s:o, s:[o]}",
			"level", "error",
			"message", text_msg(ctx->problems[i].message),
			"locations", physical(&l, ctx->srcroot)));
	}
	for (i = 0; i < fs->notices.n; i++)
		json_array_append_new(notes, json_pack("{s:s, s:o}", "level", "note",
			"message", text_msg(fs->notices.v[i])));
	cmd = json_array();
	for (i = 0; i < (size_t)ctx->argc; i++)
		json_array_append_new(cmd, json_string(ctx->argv[i]));
	{
		struct strbuf sb = STRBUF_INIT;

		for (i = 0; i < (size_t)ctx->argc; i++)
			strbuf_addf(&sb, "%s%s", i ? " " : "", ctx->argv[i]);
		cmdline = strbuf_detach(&sb);
	}
	artifacts = json_array();
	for (i = 0; i < fs->v.n; i++) {
		size_t k;
		bool seen = false;

		for (k = 0; k < i && !seen; k++)
			seen = fs->v.v[k].loc.file == fs->v.v[i].loc.file;
		if (!seen)
			json_array_append_new(artifacts, json_pack("{s:o}", "location",
				artifact(fs->v.v[i].loc.file, ctx->srcroot)));
	}
	root = json_pack(
		"{s:{s:{s:s, s:s, s:s, s:s, s:o}}, s:{s:{s:s}}, s:{s:s}, s:[{s:b, s:s, s:o, s:i, s:o}], s:o, s:o, s:s}",
		"tool", "driver",
		"name", ctx->tool_name ? ctx->tool_name : "pfvf-lockcheck",
		"version", PFVF_VERSION,
		"semanticVersion", PFVF_VERSION,
		"informationUri", "file://" PFVF_SOURCE_DIR "/README.md",
		"rules", rules_json(ctx),
		"originalUriBaseIds", "%SRCROOT%", "uri", srcroot_uri,
		"automationDetails", "id", ctx->category ? ctx->category : "pfvf-lockcheck/",
		"invocations",
		"executionSuccessful", ctx->nproblems == 0,
		"commandLine", cmdline,
		"arguments", cmd,
		"exitCode", ctx->exit_code,
		"toolExecutionNotifications", notes,
		"artifacts", artifacts,
		"results", results,
		"columnKind", "unicodeCodePoints");
	free(srcroot_uri);
	free(cmdline);
	return root;
}

int report_sarif(FILE *out, const struct findings *fs, const struct report_ctx *ctx)
{
	json_t *run = sarif_run(fs, ctx), *root;
	int ret;

	if (!run)
		return -1;
	root = json_pack("{s:s, s:s, s:[o]}",
			 "$schema", "https://json.schemastore.org/sarif-2.1.0.json",
			 "version", "2.1.0", "runs", run);
	if (!root)
		return -1;
	ret = json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', out);
	json_decref(root);
	return ret || ferror(out) ? -1 : 0;
}

int report_sarif_append(const char *path, const struct findings *fs,
			const struct report_ctx *ctx)
{
	json_error_t err;
	json_t *root = json_load_file(path, 0, &err), *run;
	int ret;

	if (!root || !json_is_array(json_object_get(root, "runs"))) {
		json_decref(root);
		return -1;
	}
	run = sarif_run(fs, ctx);
	if (!run) {
		json_decref(root);
		return -1;
	}
	json_array_append_new(json_object_get(root, "runs"), run);
	ret = json_dump_file(root, path, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(root);
	return ret ? -1 : 0;
}
