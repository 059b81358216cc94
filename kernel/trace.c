// SPDX-License-Identifier: MIT
/*
 * The system-call tracer: one console line per call, as
 *     [pid abi entry] name(arg, ...) = result
 * The names and argument types come from the SYSCALL_DEFINE lines
 * themselves (struct syscall_meta, section syscall_meta), so a handler
 * decodes the same way whichever table (64-bit, x32, ia32) reached it.
 * Strings (paths) are shown quoted, a write's or read's buffer as its
 * first bytes, integers in decimal, pointers and the rest in hex.
 */
#include <trident/trace.h>
#include <trident/task.h>
#include <trident/printk.h>
#include <trident/string.h>
#include <trident/uaccess.h>

bool syscall_trace_all;

extern const struct syscall_meta __start_syscall_meta[], __stop_syscall_meta[];

static const struct syscall_meta *meta_of(sys_call_ptr_t fn)
{
	if (!fn)
		return NULL;
	for (const struct syscall_meta *m = __start_syscall_meta; m < __stop_syscall_meta; m++)
		if (m->x64 == fn || (m->ia32 && m->ia32 == fn))
			return m;
	return NULL;
}

/* Append up to max bytes of user memory at uaddr, C-escaped and quoted;
 * stop at a NUL when as_string. */
static int put_user_bytes(char *out, size_t size, unsigned long uaddr, size_t max, bool as_string)
{
	char tmp[33];
	size_t n = MIN(max, sizeof(tmp) - 1), got = 0;
	int len = 0;

	if (!uaddr)
		return snprintf(out, size, "NULL");
	for (; got < n; got++) {
		if (copy_from_user(&tmp[got], (const char __user *)(uaddr + got), 1))
			break;
		if (as_string && !tmp[got])
			break;
	}
	if (!got && n)
		return snprintf(out, size, "%#lx", uaddr);
	len += snprintf(out + len, size - len, "\"");
	for (size_t i = 0; i < got && len < (int)size - 5; i++) {
		char c = tmp[i];
		if (c == '\n')
			len += snprintf(out + len, size - len, "\\n");
		else if (c == '"' || c == '\\')
			len += snprintf(out + len, size - len, "\\%c", c);
		else if (c >= 32 && c < 127)
			len += snprintf(out + len, size - len, "%c", c);
		else
			len += snprintf(out + len, size - len, "\\x%02x", (unsigned char)c);
	}
	len += snprintf(out + len, size - len, "\"%s", got == n && n < max ? "..." : "");
	return len;
}

static bool is_path(const char *type, const char *name)
{
	return strstr(type, "char") && strchr(type, '*') &&
	       (!strcmp(name, "filename") || !strcmp(name, "pathname") || !strcmp(name, "path") ||
		!strcmp(name, "oldname") || !strcmp(name, "newname") || !strcmp(name, "name"));
}

static int format_call(char *out, size_t size, const struct trace_call *c)
{
	const struct syscall_meta *m = meta_of(c->fn);
	int len;

	len = snprintf(out, size, "[%d %s %s] ", current->pid, c->abi, c->entry);
	if (!m)
		return len + snprintf(out + len, size - len, "syscall_%d(%#lx, %#lx, %#lx, ...)",
				      c->nr, c->args[0], c->args[1], c->args[2]);
	len += snprintf(out + len, size - len, "%s(", m->name);
	for (int i = 0; i < m->nargs && len < (int)size - 40; i++) {
		const char *t = m->types[i], *a = m->args[i];
		unsigned long v = c->args[i];
		if (i)
			len += snprintf(out + len, size - len, ", ");
		if (is_path(t, a))
			len += put_user_bytes(out + len, size - len, v, 32, true);
		else if (!strcmp(a, "buf") && i + 1 < m->nargs)
			len += put_user_bytes(out + len, size - len, v, c->args[i + 1], false);
		else if (strchr(t, '*'))
			len += snprintf(out + len, size - len, "%#lx", v);
		else if (strstr(t, "unsigned") || strstr(t, "size_t"))
			len += snprintf(out + len, size - len, "%lu", v);
		else if (strstr(t, "long") || strstr(t, "off_t"))
			len += snprintf(out + len, size - len, "%ld", (long)v);
		else
			len += snprintf(out + len, size - len, "%d", (int)v);
	}
	return len + snprintf(out + len, size - len, ")");
}

void trace_syscall_begin(struct trace_call *c)
{
	const struct syscall_meta *m = meta_of(c->fn);

	if (m && (!strcmp(m->name, "execve") || !strcmp(m->name, "execveat")))
		format_call(c->line, sizeof(c->line), c);
}

void trace_syscall_enter(const struct trace_call *c)
{
	char line[256];

	format_call(line, sizeof(line), c);
	printk("%s = ?\n", line);
}

void trace_syscall_exit(const struct trace_call *c, long ret)
{
	char line[256];

	if (c->line[0])
		strlcpy(line, c->line, sizeof(line));
	else
		format_call(line, sizeof(line), c);
	if (ret < 0 && ret >= -4095)
		printk("%s = %ld\n", line, ret);
	else if (ret > 0xffff)
		printk("%s = %#lx\n", line, ret);
	else
		printk("%s = %ld\n", line, ret);
}
