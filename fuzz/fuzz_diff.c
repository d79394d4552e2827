/* libFuzzer: the --diff reader (a unified diff), then matching a finding. */
#include <stdio.h>
#include "report/diff.h"
#include "util/diag.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct diffmap d = { 0 };
	struct finding f = { 0 };
	FILE *in = fmemopen((void *)data, size, "r");

	diag_quiet = true;
	if (!in)
		return 0;
	f.loc.file = "/src/drivers/net/a.c";
	f.loc.line = 12;
	if (!diffmap_read(&d, in, "/src"))
		diffmap_touches(&d, &f);
	diffmap_release(&d);
	fclose(in);
	return 0;
}
