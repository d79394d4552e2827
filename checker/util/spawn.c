#include <errno.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>
#include "util/spawn.h"

pid_t spawn_start(const char *const *argv, const char *dir, int out_fd, int err_fd)
{
	pid_t pid = fork();

	if (pid)
		return pid;
	{
		int null = open("/dev/null", O_RDONLY);

		if (null >= 0 && null != STDIN_FILENO)
			dup2(null, STDIN_FILENO);
	}
	if ((out_fd >= 0 && dup2(out_fd, STDOUT_FILENO) < 0) ||
	    (err_fd >= 0 && dup2(err_fd, STDERR_FILENO) < 0) || (dir && chdir(dir)))
		_exit(126);
	execvp(argv[0], (char *const *)argv);
	_exit(SPAWN_NOT_FOUND);
}

pid_t spawn_reader(const char *const *argv, const char *dir, int err_fd, FILE **out)
{
	int fds[2];
	pid_t pid;

	*out = NULL;
	if (pipe(fds))
		return -1;
	fcntl(fds[0], F_SETFD, FD_CLOEXEC);
	pid = spawn_start(argv, dir, fds[1], err_fd);
	close(fds[1]);
	if (pid < 0 || !(*out = fdopen(fds[0], "r"))) {
		int e = errno;

		close(fds[0]);
		if (pid > 0)
			spawn_wait(pid);
		errno = e;
		return -1;
	}
	return pid;
}

int spawn_status(int wstatus)
{
	if (WIFEXITED(wstatus))
		return WEXITSTATUS(wstatus);
	return WIFSIGNALED(wstatus) ? 128 + WTERMSIG(wstatus) : -1;
}

int spawn_wait(pid_t pid)
{
	int st;

	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	return spawn_status(st);
}
