/* SPDX-License-Identifier: MIT */
/*
 * Cutting a command line into words: blanks (space, tab) separate them,
 * '...' quotes everything, "..." everything but \" and \\, a backslash
 * outside quotes takes the next character as it is, and an unquoted #
 * at the start of a word begins a comment. No variables, globs,
 * redirections or pipes: the shell runs one program at a time, and an
 * unquoted | < > ; & is refused (-2) rather than passed on as a word.
 */
#include "sh.h"

int split_words(char *line, char **argv, int max)
{
	char *in = line, *out = line;
	int n = 0;

	for (;;) {
		while (*in == ' ' || *in == '\t' || *in == '\n')
			in++;
		if (!*in || *in == '#')
			break;
		if (n == max - 1)
			break;
		argv[n++] = out;
		while (*in && *in != ' ' && *in != '\t' && *in != '\n') {
			char q = *in;
			if (q == '\'' || q == '"') {
				in++;
				while (*in && *in != q) {
					if (q == '"' && *in == '\\' && (in[1] == '"' || in[1] == '\\'))
						in++;
					*out++ = *in++;
				}
				if (!*in)
					return -1;
				in++;
			} else if (q == '\\' && in[1]) {
				in++;
				*out++ = *in++;
			} else if (q == '|' || q == '<' || q == '>' || q == ';' || q == '&') {
				return -2;
			} else {
				*out++ = *in++;
			}
		}
		if (*in)
			in++;
		*out++ = 0;
	}
	argv[n] = 0;
	return n;
}
