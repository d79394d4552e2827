/* For targets whose code under test reads a file: the input, written to one. */
#ifndef PFVF_FUZZ_FILE_H
#define PFVF_FUZZ_FILE_H

#include <stdlib.h>
#include <unistd.h>

/* Write @data to a new file named from @path (a mkstemp template); 0 or -1. */
static inline int fuzz_to_file(const unsigned char *data, size_t size, char *path)
{
	int fd = mkstemp(path);

	if (fd < 0)
		return -1;
	if (write(fd, data, size) != (ssize_t)size) {
		close(fd);
		unlink(path);
		return -1;
	}
	close(fd);
	return 0;
}

#endif
