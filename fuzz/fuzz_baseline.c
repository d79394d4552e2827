/* libFuzzer: the --baseline reader and matcher, on any JSON. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "report/baseline.h"
#include "util/diag.h"
#include "fuzz_file.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	char path[] = "/tmp/pfvf-fuzz-base-XXXXXX";
	struct baseline b;
	struct findings fs = { 0 };
	struct finding *f;

	diag_quiet = true;
	if (fuzz_to_file(data, size, path))
		return 0;
	f = VEC_PUSH(fs.v);
	snprintf(f->fingerprint, sizeof(f->fingerprint), "%s", "0123456789abcdef0123456789abcdef");
	if (!baseline_load(&b, path)) {
		baseline_mark(&b, &fs);
		json_decref(baseline_absent(&b, &fs));
		baseline_release(&b);
	}
	VEC_FREE(fs.v);
	unlink(path);
	return 0;
}
