/* SPDX-License-Identifier: MIT */
/* The shell's parts (userland/sh/). */
#ifndef SH_H
#define SH_H

#define MAX_ARGS 64

const char *signal_name(int sig);			/* signame.c */
/* Splits line into words in place: blanks separate, '...' and "..."
 * quote, # starts a comment. The word count, -1 for an open quote, -2
 * for an unquoted | < > ; & (not supported). */
int split_words(char *line, char **argv, int max);	/* words.c */
int run_builtin(char **argv, int *status);		/* builtins.c: 1 if it was one */
void history_add(const char *line);
extern int last_status;

#endif
