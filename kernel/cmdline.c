// SPDX-License-Identifier: MIT
/*
 * The kernel command line, with Linux's rules (init/main.c): words the
 * kernel knows are taken (init=, quiet, ia32_emulation=, syscall.x32=,
 * norandmaps...);
 * every other word goes to init, as an environment variable when it
 * contains '=' and as an argument otherwise; every word after "--" is an
 * argument of init.
 */
#include <trident/boot.h>
#include <trident/string.h>
#include <trident/printk.h>
#include <trident/trace.h>
#include <trident/aslr.h>

struct boot_params boot_params = {
	.init = "/sbin/init",
	.ia32_emulation = -1,
	.x32 = -1,
};

static int parse_bool(const char *v)
{
	if (!strcmp(v, "1") || !strcmp(v, "y") || !strcmp(v, "Y") || !strcmp(v, "on"))
		return 1;
	if (!strcmp(v, "0") || !strcmp(v, "n") || !strcmp(v, "N") || !strcmp(v, "off"))
		return 0;
	return -1;
}

/*
 * Cut the next word out of *pp, as Linux's next_arg(): spaces inside
 * double quotes do not split, a word in quotes loses them ("a b" -> a b),
 * and so does a quoted value (init="/a b" -> init=/a b).
 */
static char *next_word(char **pp)
{
	char *p = *pp, *word = p;
	bool in_quote = false;

	for (; *p && (in_quote || *p != ' '); p++)
		if (*p == '"')
			in_quote = !in_quote;
	if (*p)
		*p++ = '\0';
	*pp = p;

	/* Remove the quotes: copy the word over itself without them. */
	char *dst = word;
	for (char *src = word; *src; src++)
		if (*src != '"')
			*dst++ = *src;
	*dst = '\0';
	return word;
}

void parse_cmdline(char *cmdline)
{
	int argc = 1, envc = 0;
	bool after_dashes = false, rdinit_given = false;

	boot_params.envp_init[envc++] = "HOME=/";
	boot_params.envp_init[envc++] = "TERM=linux";

	for (char *p = cmdline; *p;) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		char *word = next_word(&p);

		if (after_dashes) {
			if (argc < MAX_INIT_ARGS + 1)
				boot_params.argv_init[argc++] = word;
			continue;
		}
		if (!strcmp(word, "--")) {
			after_dashes = true;
		} else if (!strncmp(word, "init=", 5)) {
			if (!rdinit_given)
				boot_params.init = word + 5;
		} else if (!strncmp(word, "rdinit=", 7)) {
			/* Linux runs rdinit= (default /init) from an initramfs
			 * and init= from a root filesystem; Trident has only the
			 * initramfs and takes either, rdinit= winning. */
			boot_params.init = word + 7;
			rdinit_given = true;
		} else if (!strcmp(word, "quiet")) {
			console_quiet = true;
		} else if (!strncmp(word, "ia32_emulation=", 15)) {
			boot_params.ia32_emulation = parse_bool(word + 15);
			if (boot_params.ia32_emulation < 0)
				printk("cmdline: ia32_emulation=%s: expected 0 or 1\n", word + 15);
		} else if (!strncmp(word, "syscall.x32=", 12)) {
			boot_params.x32 = parse_bool(word + 12);
			if (boot_params.x32 < 0)
				printk("cmdline: syscall.x32=%s: expected y or n\n", word + 12);
		} else if (!strcmp(word, "norandmaps")) {
			randomize_va_space = 0;		/* kernel/aslr.c */
		} else if (!strcmp(word, "nofsgsbase")) {
			/* Linux's __setup("nofsgsbase"): only the bare word;
			 * "nofsgsbase=..." goes to init like any a=b. */
			boot_params.nofsgsbase = true;
		} else if (!strncmp(word, "trident.crash=", 14)) {
			boot_params.crash = word + 14;
			boot_params.crash_test = !strcmp(word + 14, "null");
		} else if (!strncmp(word, "syscall.trace=", 14)) {
			syscall_trace_all = parse_bool(word + 14) == 1;
		} else if (strchr(word, '.') && (!strchr(word, '=') ||
						   strchr(word, '.') < strchr(word, '='))) {
			/* "module.param[=value]": Linux gives these to nobody. */
		} else if (strchr(word, '=')) {
			if (envc < MAX_INIT_ARGS + 2)
				boot_params.envp_init[envc++] = word;
		} else if (argc < MAX_INIT_ARGS + 1) {
			boot_params.argv_init[argc++] = word;
		}
	}
	boot_params.argv_init[0] = boot_params.init;
	boot_params.argv_init[argc] = NULL;
	boot_params.envp_init[envc] = NULL;
}
