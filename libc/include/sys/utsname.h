/* SPDX-License-Identifier: MIT */
/*
 * uname(2) fills the kernel's struct new_utsname: six 65-byte strings,
 * 390 bytes, the same on every ABI (include/uapi/linux/utsname.h).
 */
#ifndef _SYS_UTSNAME_H
#define _SYS_UTSNAME_H

#define _UTSNAME_LENGTH 65

struct utsname {
	char sysname[_UTSNAME_LENGTH];
	char nodename[_UTSNAME_LENGTH];
	char release[_UTSNAME_LENGTH];
	char version[_UTSNAME_LENGTH];
	char machine[_UTSNAME_LENGTH];
	char domainname[_UTSNAME_LENGTH];	/* glibc's GNU name */
};

int uname(struct utsname *buf);

#endif
