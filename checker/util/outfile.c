#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "util/diag.h"
#include "util/mem.h"
#include "util/outfile.h"

static mode_t current_umask(void)
{
	mode_t m = umask(022);

	umask(m);
	return m;
}

int outfile_open(struct outfile *o, const char *path)
{
	struct stat st;
	int fd;

	memset(o, 0, sizeof(*o));
	o->f = stdout;
	if (!path)
		return 0;
	/* a directory or a device is no place for a report */
	if (!stat(path, &st) && !S_ISREG(st.st_mode))
		return error("cannot write '%s': %s", path, strerror(EISDIR));
	o->tmp = xasprintf("%s.tmpXXXXXX", path);
	fd = mkstemp(o->tmp);
	if (fd < 0 || !(o->f = fdopen(fd, "w"))) {
		int err = errno;

		if (fd >= 0) {
			close(fd);
			unlink(o->tmp);
		}
		free(o->tmp);
		o->tmp = NULL;
		o->f = stdout;
		return error("cannot write '%s': %s", path, strerror(err));
	}
	/* mkstemp makes it 0600: a report is as readable as any new file */
	fchmod(fd, 0666 & ~current_umask());
	o->path = xstrdup(path);
	return 0;
}

int outfile_close(struct outfile *o, int ok)
{
	const char *what = o->path ? o->path : "standard output";
	int err = 0;

	/* the first failure's errno is the one worth telling */
	if (fflush(o->f) || (o->tmp && fsync(fileno(o->f))))
		err = errno;
	if ((ferror(o->f) || !ok) && !err)
		err = EIO;
	if (o->tmp && fclose(o->f) && !err)
		err = errno;
	if (o->tmp && !err && rename(o->tmp, o->path))
		err = errno;
	if (err)
		error("cannot write '%s': %s", what, strerror(err));
	if (o->tmp && err)
		unlink(o->tmp);
	free(o->tmp);
	free(o->path);
	memset(o, 0, sizeof(*o));
	return err ? -1 : 0;
}

void outfile_discard(struct outfile *o)
{
	if (!o->tmp)
		return;
	fclose(o->f);
	unlink(o->tmp);
	free(o->tmp);
	free(o->path);
	memset(o, 0, sizeof(*o));
}
