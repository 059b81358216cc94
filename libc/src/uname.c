/* SPDX-License-Identifier: MIT */
#include <sys/utsname.h>
#include "syscall.h"

/* The kernel copies all 390 bytes of struct new_utsname. */
int uname(struct utsname *buf)
{
	return __syscall_ret(__syscall(SYS_uname, buf));
}
