/* SPDX-License-Identifier: MIT */
/* Character classes of the "C" locale, ASCII only. */
#include <ctype.h>

int isdigit(int c)  { return c >= '0' && c <= '9'; }
int islower(int c)  { return c >= 'a' && c <= 'z'; }
int isupper(int c)  { return c >= 'A' && c <= 'Z'; }
int isalpha(int c)  { return islower(c) || isupper(c); }
int isalnum(int c)  { return isalpha(c) || isdigit(c); }
int isxdigit(int c) { return isdigit(c) || ((unsigned)c | 32) - 'a' < 6; }
int isspace(int c)  { return c == ' ' || (unsigned)c - '\t' < 5; }
int isprint(int c)  { return (unsigned)c - ' ' < 95; }
int ispunct(int c)  { return isprint(c) && !isalnum(c) && c != ' '; }
int tolower(int c)  { return isupper(c) ? c | 32 : c; }
int toupper(int c)  { return islower(c) ? c & ~32 : c; }
