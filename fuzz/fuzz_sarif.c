/*
 * libFuzzer: the SARIF writer with any bytes in messages and paths (JSON
 * escaping, invalid UTF-8): it writes a log or fails cleanly.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "checks/checks.h"
#include "report/report.h"
#include "util/mem.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	char *text = xstrndup((const char *)data, size);
	const struct rule_info *infos[1] = { rules[0].info };
	struct findings fs = { 0 };
	struct report_ctx ctx = { 0 };
	struct finding *f = VEC_PUSH(fs.v);
	struct step *s;
	char *argv[] = { text, NULL };
	FILE *out = fopen("/dev/null", "w");

	f->rule = rules[0].info;
	f->message = xstrdup(text);
	f->loc.file = text;
	f->loc.line = 1;
	f->loc.col = 1;
	s = VEC_PUSH(f->steps);
	s->loc = f->loc;
	s->message = xstrdup(text);
	ctx.srcroot = text;
	ctx.argc = 1;
	ctx.argv = argv;
	ctx.rules = infos;
	ctx.nrules = 1;
	if (out) {
		report_sarif(out, &fs, &ctx);
		report_text(out, &fs);
		report_html(out, &fs);
		fclose(out);
	}
	findings_release(&fs);
	free(text);
	return 0;
}
