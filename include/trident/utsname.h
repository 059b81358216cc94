/* SPDX-License-Identifier: MIT */
/* The system's names, as uname reports them (kernel/sys_process.c). */
#ifndef _TRIDENT_UTSNAME_H
#define _TRIDENT_UTSNAME_H

#define __NEW_UTS_LEN	64
#define __OLD_UTS_LEN	8

/* struct new_utsname: six fields of __NEW_UTS_LEN + 1 = 65 bytes, the
 * same for every ABI. */
struct new_utsname {
	char sysname[__NEW_UTS_LEN + 1];
	char nodename[__NEW_UTS_LEN + 1];
	char release[__NEW_UTS_LEN + 1];
	char version[__NEW_UTS_LEN + 1];
	char machine[__NEW_UTS_LEN + 1];
	char domainname[__NEW_UTS_LEN + 1];
};

/* The names (Linux's utsname()). */
const struct new_utsname *utsname(void);

#endif
