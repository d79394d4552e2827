/* libFuzzer: the rules/ YAML loader never crashes, whatever the file says. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "analysis/model.h"
#include "util/diag.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	char path[] = "/tmp/pfvf-fuzz-rules-XXXXXX";
	struct strpool pool = { 0 };
	struct model m;
	int fd = mkstemp(path);

	diag_quiet = true;
	if (fd < 0)
		return 0;
	if (write(fd, data, size) != (ssize_t)size) {
		close(fd);
		unlink(path);
		return 0;
	}
	close(fd);
	model_init(&m, &pool);
	if (!model_load_file(&m, path))
		model_finish(&m);
	model_release(&m);
	strpool_release(&pool);
	unlink(path);
	return 0;
}
