/* SPDX-License-Identifier: MIT */
/*
 * Resource limits, all through prlimit64(2): its struct rlimit64 is our
 * struct rlimit on every ABI (see <sys/resource.h>), so nothing converts.
 * pid 0 is the calling process.
 */
#include <sys/resource.h>
#include "syscall.h"

int prlimit(pid_t pid, int resource, const struct rlimit *new_limit,
	    struct rlimit *old_limit)
{
	return __syscall_ret(__syscall(SYS_prlimit64, pid, resource,
				       new_limit, old_limit));
}

int getrlimit(int resource, struct rlimit *rlim)
{
	return prlimit(0, resource, NULL, rlim);
}

int setrlimit(int resource, const struct rlimit *rlim)
{
	return prlimit(0, resource, rlim, NULL);
}
