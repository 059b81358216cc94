// SPDX-License-Identifier: MIT
/*
 * CONFIG_UBSAN: GCC's -fsanitize=... instrumentation calls one of these
 * handlers when an operation is undefined (GCC's libsanitizer ABI: the
 * first argument points at static data that starts with the source
 * location). Linux's lib/ubsan.c prints a report and goes on; we print the
 * report and panic, as Linux with panic_on_warn, so that a test boot
 * cannot miss one. The handlers are built without instrumentation
 * (GNUmakefile) and print only what the data says.
 */
#include <generated/autoconf.h>
#ifdef CONFIG_UBSAN
#include <trident/printk.h>
#include <asm/harden.h>

/* The handlers' value arguments are not decoded. */
#pragma GCC diagnostic ignored "-Wunused-parameter"

struct source_location {
	const char *file;
	u32 line;
	u32 column;
};

/* Every handler's data begins with the location. */
struct ubsan_data {
	struct source_location loc;
};

static __noreturn void ubsan_report(const void *data, const char *what)
{
	const struct source_location *loc = &((const struct ubsan_data *)data)->loc;

	printk("UBSAN: %s in %s:%u:%u\n", what, loc->file, loc->line, loc->column);
	panic("UBSAN: %s", what);
}

/* The names GCC calls (libsanitizer's ubsan_handlers.h), with the
 * arguments they take; the values are not decoded. */
#define HANDLER(name, what, ...) \
	void __ubsan_handle_##name(void *data, ##__VA_ARGS__); \
	void __ubsan_handle_##name(void *data, ##__VA_ARGS__) { ubsan_report(data, what); }

HANDLER(add_overflow, "signed integer overflow (+)", void *l, void *r)
HANDLER(sub_overflow, "signed integer overflow (-)", void *l, void *r)
HANDLER(mul_overflow, "signed integer overflow (*)", void *l, void *r)
HANDLER(negate_overflow, "signed integer overflow (negation)", void *v)
HANDLER(divrem_overflow, "division overflow or by zero", void *l, void *r)
HANDLER(shift_out_of_bounds, "shift out of bounds", void *l, void *r)
HANDLER(out_of_bounds, "array index out of bounds", void *i)
HANDLER(type_mismatch_v1, "null or misaligned pointer use or object too small", void *p)
HANDLER(vla_bound_not_positive, "variable-length array bound not positive", void *b)
HANDLER(load_invalid_value, "invalid value for bool or enum", void *v)
HANDLER(pointer_overflow, "pointer overflow", void *b, void *r)
HANDLER(invalid_builtin, "invalid argument to a builtin")
HANDLER(builtin_unreachable, "__builtin_unreachable() reached")
HANDLER(missing_return, "end of a non-void function reached")
HANDLER(nonnull_arg, "null passed as a nonnull argument")

void ubsan_init(void);
void ubsan_init(void)
{
	harden.ubsan = true;
}
#endif
