/* SPDX-License-Identifier: MIT */
/*
 * Linux's struct user_desc (asm/ldt.h): what set_thread_area,
 * get_thread_area and modify_ldt take, the same 16 bytes on every ABI.
 */
#ifndef USER_DESC_H
#define USER_DESC_H

#include <stdint.h>

struct user_desc {
	uint32_t entry_number;
	uint32_t base_addr;
	uint32_t limit;
	uint32_t seg_32bit:1;
	uint32_t contents:2;
	uint32_t read_exec_only:1;
	uint32_t limit_in_pages:1;
	uint32_t seg_not_present:1;
	uint32_t useable:1;
	uint32_t lm:1;		/* 64-bit only; ignored for ia32 */
};

#endif
