/* SPDX-License-Identifier: MIT */
/*
 * printf conversions for the <stdint.h> types. int64_t is long on x86_64
 * and long long on x32 and i386, so a test printing a 64-bit register value
 * on every ABI writes "%" PRIx64 and gets "lx" or "llx". intptr_t is long
on x86_64 and int on x32 and i386. The arch's <bits/types.h> says which.
 */
#ifndef _INTTYPES_H
#define _INTTYPES_H

#include <stdint.h>
#include <bits/types.h>

#define PRId8	"d"
#define PRId16	"d"
#define PRId32	"d"
#define PRId64	__PRI64 "d"
#define PRIi64	__PRI64 "i"
#define PRIu8	"u"
#define PRIu16	"u"
#define PRIu32	"u"
#define PRIu64	__PRI64 "u"
#define PRIx8	"x"
#define PRIx16	"x"
#define PRIx32	"x"
#define PRIx64	__PRI64 "x"
#define PRIX32	"X"
#define PRIX64	__PRI64 "X"
#define PRIo64	__PRI64 "o"
#define PRIdPTR	__PRIPTR "d"
#define PRIuPTR	__PRIPTR "u"
#define PRIxPTR	__PRIPTR "x"
#define PRIdMAX	__PRI64 "d"
#define PRIuMAX	__PRI64 "u"
#define PRIxMAX	__PRI64 "x"

#endif
