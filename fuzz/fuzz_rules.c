/* libFuzzer: the rules/ YAML loader never crashes, whatever the file says. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "analysis/model.h"
#include "util/diag.h"
#include "fuzz_file.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	char path[] = "/tmp/pfvf-fuzz-rules-XXXXXX";
	struct strpool pool = { 0 };
	struct model m;

	diag_quiet = true;
	if (fuzz_to_file(data, size, path))
		return 0;
	model_init(&m, &pool);
	if (!model_load_file(&m, path))
		model_finish(&m);
	model_release(&m);
	strpool_release(&pool);
	unlink(path);
	return 0;
}
