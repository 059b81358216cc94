/* SPDX-License-Identifier: MIT */
/*
 * split_words (userland/sh/words.c) on the lines a person types: what words
 * does each become? One KTAP case per line.
 */
#include <stdio.h>
#include <string.h>
#include "sh.h"

static const struct {
	const char *line;
	int n;			/* words, or -1: an open quote, -2: | < > ; & */
	const char *words[6];
} cases[] = {
	{ "", 0, { 0 } },
	{ "   \t ", 0, { 0 } },
	{ "ls", 1, { "ls" } },
	{ "ls_32 /bin\n", 2, { "ls_32", "/bin" } },
	{ "  echo   a  b  ", 3, { "echo", "a", "b" } },
	{ "echo 'big  world'", 2, { "echo", "big  world" } },
	{ "echo \"say \\\"hi\\\"\"", 2, { "echo", "say \"hi\"" } },
	{ "echo a'b c'd", 2, { "echo", "ab cd" } },
	{ "echo a\\ b", 2, { "echo", "a b" } },
	{ "echo ''", 2, { "echo", "" } },
	{ "echo x # a comment", 2, { "echo", "x" } },
	{ "# only a comment", 0, { 0 } },
	{ "echo a#b", 2, { "echo", "a#b" } },
	{ "echo 'open", -1, { 0 } },
	{ "echo \"open", -1, { 0 } },
	{ "'\\'", 1, { "\\" } },
	{ "ls | head", -2, { 0 } },
	{ "echo a>b", -2, { 0 } },
	{ "echo 'a|b' \"<&>\" \\;", 4, { "echo", "a|b", "<&>", ";" } },
};

int main(void)
{
	int ncases = sizeof(cases) / sizeof(cases[0]), failed = 0;

	printf("KTAP version 1\n1..%d\n", ncases);
	for (int i = 0; i < ncases; i++) {
		char line[128], *argv[MAX_ARGS];
		int n, ok;

		strcpy(line, cases[i].line);
		n = split_words(line, argv, MAX_ARGS);
		ok = n == cases[i].n;
		for (int w = 0; ok && w < n; w++)
			ok = !strcmp(argv[w], cases[i].words[w]);
		ok = ok && (n < 0 || argv[n] == NULL);
		if (!ok) {
			printf("# got %d words:", n);
			for (int w = 0; w < n; w++)
				printf(" [%s]", argv[w]);
			printf("\n");
			failed++;
		}
		/* The line as the name, with tab and newline shown as \t, \n. */
		char name[128], *o = name;
		for (const char *c = cases[i].line; *c; c++) {
			if (*c == '\n' || *c == '\t') {
				*o++ = '\\';
				*o++ = *c == '\n' ? 'n' : 't';
			} else {
				*o++ = *c;
			}
		}
		*o = 0;
		printf("%sok %d split_words(\"%s\")\n", ok ? "" : "not ", i + 1, name);
	}
	return failed ? 1 : 0;
}
