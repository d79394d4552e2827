/*
 * Child programs (git, spatch, sparse) run from an argument vector, never
 * through a shell: a path with a quote in it is one argument like any
 * other, and nothing in a file name can become a command.
 */
#ifndef PFVF_SPAWN_H
#define PFVF_SPAWN_H

#include <stdio.h>
#include <sys/types.h>

/* the exit status of a child that could not be executed (as sh's) */
#define SPAWN_NOT_FOUND 127

/**
 * Start @argv (argv[0] looked up in PATH) in @dir (NULL: ours), its
 * stdout on @out_fd and stderr on @err_fd (-1: ours), stdin /dev/null.
 * The pid, or -1 with errno set.
 */
pid_t spawn_start(const char *const *argv, const char *dir, int out_fd, int err_fd);
/** Start @argv with its stdout readable from *@out; the pid, or -1. */
pid_t spawn_reader(const char *const *argv, const char *dir, int err_fd, FILE **out);
/**
 * Wait for @pid: its exit status, 128 + the signal that ended it, or -1
 * when it cannot be waited for. SPAWN_NOT_FOUND: the program is missing.
 */
int spawn_wait(pid_t pid);
/** The same for a status wait() has already returned. */
int spawn_status(int wstatus);

#endif
