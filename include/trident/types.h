/* SPDX-License-Identifier: MIT */
/* Fixed-width types for a freestanding LP64 kernel (gcc's own <stdint.h>). */
#ifndef _TRIDENT_TYPES_H
#define _TRIDENT_TYPES_H

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdarg.h>
#include <trident/compiler.h>

typedef uint8_t  u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t   s8;
typedef int16_t  s16;
typedef int32_t  s32;
typedef int64_t  s64;

typedef long          ssize_t;
typedef long          off_t;
typedef long long     loff_t;
typedef int           pid_t;
typedef unsigned int  uid_t;
typedef unsigned int  gid_t;
typedef unsigned int  mode_t;
typedef u64           phys_addr_t;

/* Marks a pointer that holds a user address: never dereference it, pass it
 * to copy_from_user()/copy_to_user() (Linux's sparse annotation, here a
 * reminder for the reader only). */
#define __user

#endif
