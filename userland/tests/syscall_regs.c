/* SPDX-License-Identifier: MIT */
/*
 * syscall_regs: what does SYSCALL preserve?
 *
 * The 64-bit system-call contract (Linux arch/x86/entry/entry_64.S):
 *
 *	RAX  number in, result out
 *	RCX  the CPU writes the return RIP (the instruction after SYSCALL)
 *	R11  the CPU writes RFLAGS as they were before SYSCALL
 *	all other general registers, RSP, RFLAGS and the selectors survive,
 *	on the -ENOSYS path as much as on a real handler.
 *
 * A small assembly routine loads every general register except RSP with a
 * distinct pattern (upper halves included, so a kernel that saves only 32
 * bits is caught), executes SYSCALL and stores every register right after.
 * It runs four times: getpid and an invalid number, each once with RFLAGS as
 * the program had them and once with DF, AC, ID and all six status flags set
 * (the kernel masks them for itself with SYSCALL_MASK and must give the
 * user's back). TF is not tested: it would need a SIGTRAP handler.
 *
 * AC set in user mode only turns on alignment checking, so the routine does
 * no misaligned access while it is set. DF and AC are cleared again (by
 * restoring the entry RFLAGS) before any C code runs.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>

#include "ktap.h"

#if defined(__x86_64__)

/* One slot per register; the assembly below uses these byte offsets. */
enum reg {
	R_RAX, R_RBX, R_RCX, R_RDX, R_RSI, R_RDI, R_RBP, R_RSP,
	R_R8, R_R9, R_R10, R_R11, R_R12, R_R13, R_R14, R_R15,
	R_RFLAGS, R_NREGS
};

static const char *const reg_name[R_NREGS] = {
	"rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "rsp",
	"r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15", "rflags",
};

/*
 * Shared with the assembly, which addresses them RIP-relative so that it
 * needs no free register: not static, so the names stay as written.
 */
uint64_t probe_in[R_NREGS];	/* loaded before SYSCALL; rsp, rflags: seen */
uint64_t probe_out[R_NREGS];	/* stored right after SYSCALL */
uint64_t probe_flags;		/* RFLAGS to set first; 0: leave them */
uint64_t probe_ret_rip;		/* address of the instruction after SYSCALL */
uint16_t probe_sel_in[4];	/* cs ss ds es before ... */
uint16_t probe_sel_out[4];	/* ... and after */

void syscall_regs_probe(void);

__asm__(
	".text\n"
	".type syscall_regs_probe, @function\n"
	"syscall_regs_probe:\n"
	/* The C ABI wants these back; the entry RFLAGS clear DF and AC again. */
	"	pushq %rbx\n	pushq %rbp\n	pushq %r12\n"
	"	pushq %r13\n	pushq %r14\n	pushq %r15\n"
	"	pushfq\n"
	"	leaq 1f(%rip), %rax\n"
	"	movq %rax, probe_ret_rip(%rip)\n"
	"	cmpq $0, probe_flags(%rip)\n"
	"	je 2f\n"
	"	pushq probe_flags(%rip)\n"
	"	popfq\n"
	"2:	movw %cs, probe_sel_in+0(%rip)\n"
	"	movw %ss, probe_sel_in+2(%rip)\n"
	"	movw %ds, probe_sel_in+4(%rip)\n"
	"	movw %es, probe_sel_in+6(%rip)\n"
	/* From here to SYSCALL only MOVs: RFLAGS stay as recorded. */
	"	pushfq\n"
	"	popq probe_in+8*16(%rip)\n"	/* rflags */
	"	movq %rsp, probe_in+8*7(%rip)\n"
	"	movq probe_in+8*1(%rip), %rbx\n"
	"	movq probe_in+8*2(%rip), %rcx\n"
	"	movq probe_in+8*3(%rip), %rdx\n"
	"	movq probe_in+8*4(%rip), %rsi\n"
	"	movq probe_in+8*5(%rip), %rdi\n"
	"	movq probe_in+8*6(%rip), %rbp\n"
	"	movq probe_in+8*8(%rip), %r8\n"
	"	movq probe_in+8*9(%rip), %r9\n"
	"	movq probe_in+8*10(%rip), %r10\n"
	"	movq probe_in+8*11(%rip), %r11\n"
	"	movq probe_in+8*12(%rip), %r12\n"
	"	movq probe_in+8*13(%rip), %r13\n"
	"	movq probe_in+8*14(%rip), %r14\n"
	"	movq probe_in+8*15(%rip), %r15\n"
	"	movq probe_in+8*0(%rip), %rax\n"
	"	syscall\n"
	"1:	movq %rax, probe_out+8*0(%rip)\n"
	"	movq %rbx, probe_out+8*1(%rip)\n"
	"	movq %rcx, probe_out+8*2(%rip)\n"
	"	movq %rdx, probe_out+8*3(%rip)\n"
	"	movq %rsi, probe_out+8*4(%rip)\n"
	"	movq %rdi, probe_out+8*5(%rip)\n"
	"	movq %rbp, probe_out+8*6(%rip)\n"
	"	movq %rsp, probe_out+8*7(%rip)\n"
	"	movq %r8, probe_out+8*8(%rip)\n"
	"	movq %r9, probe_out+8*9(%rip)\n"
	"	movq %r10, probe_out+8*10(%rip)\n"
	"	movq %r11, probe_out+8*11(%rip)\n"
	"	movq %r12, probe_out+8*12(%rip)\n"
	"	movq %r13, probe_out+8*13(%rip)\n"
	"	movq %r14, probe_out+8*14(%rip)\n"
	"	movq %r15, probe_out+8*15(%rip)\n"
	"	pushfq\n"
	"	popq probe_out+8*16(%rip)\n"
	"	movw %cs, probe_sel_out+0(%rip)\n"
	"	movw %ss, probe_sel_out+2(%rip)\n"
	"	movw %ds, probe_sel_out+4(%rip)\n"
	"	movw %es, probe_sel_out+6(%rip)\n"
	"	popfq\n"
	"	popq %r15\n	popq %r14\n	popq %r13\n"
	"	popq %r12\n	popq %rbp\n	popq %rbx\n"
	"	ret\n"
	".size syscall_regs_probe, .-syscall_regs_probe\n");

#define X86_EFLAGS_STATUS	0x0008d5ULL	/* CF PF AF ZF SF OF */
#define X86_EFLAGS_FIXED	0x000002ULL	/* bit 1 always reads 1 */
#define X86_EFLAGS_IF		0x000200ULL
#define X86_EFLAGS_DF		0x000400ULL
#define X86_EFLAGS_AC		0x040000ULL
#define X86_EFLAGS_ID		0x200000ULL

/* A number that is no system call in any table, with or without x32. */
#define NR_INVALID		1000

/* Distinct in every byte position, upper halves included. */
static uint64_t pattern(int i)
{
	return 0x0123456789abcdefULL ^ (0x1111111111111111ULL * (uint64_t)i);
}

/* The registers that must come back exactly as they went in. */
static const enum reg preserved[] = {
	R_RBX, R_RBP, R_RDI, R_RSI, R_RDX, R_R8, R_R9, R_R10,
	R_R12, R_R13, R_R14, R_R15, R_RSP,
};
#define N_PRESERVED	(int)(sizeof(preserved) / sizeof(preserved[0]))
#define N_PER_RUN	(N_PRESERVED + 4)	/* + rcx, r11, rflags, rax */

static void run(const char *what, uint64_t nr, uint64_t flags)
{
	uint64_t want_df_ac = flags ? X86_EFLAGS_DF | X86_EFLAGS_AC : 0;
	int i;

	for (i = 0; i < R_NREGS; i++)
		probe_in[i] = pattern(i);
	probe_in[R_RAX] = nr;
	probe_flags = flags;
	memset(probe_out, 0, sizeof(probe_out));

	syscall_regs_probe();

	for (i = 0; i < N_PRESERVED; i++) {
		enum reg r = preserved[i];

		if (probe_out[r] != probe_in[r])
			ktap_print_msg("%s: before 0x%016llx after 0x%016llx",
				       reg_name[r],
				       (unsigned long long)probe_in[r],
				       (unsigned long long)probe_out[r]);
		ktap_test_result(probe_out[r] == probe_in[r],
				 "%s: %s preserved", what, reg_name[r]);
	}

	if (probe_out[R_RCX] != probe_ret_rip)
		ktap_print_msg("rcx 0x%llx, instruction after syscall 0x%llx",
			       (unsigned long long)probe_out[R_RCX],
			       (unsigned long long)probe_ret_rip);
	ktap_test_result(probe_out[R_RCX] == probe_ret_rip,
			 "%s: rcx == address after syscall", what);

	if (probe_out[R_R11] != probe_in[R_RFLAGS])
		ktap_print_msg("r11 0x%llx, rflags before syscall 0x%llx",
			       (unsigned long long)probe_out[R_R11],
			       (unsigned long long)probe_in[R_RFLAGS]);
	ktap_test_result(probe_out[R_R11] == probe_in[R_RFLAGS],
			 "%s: r11 == rflags before syscall", what);

	ktap_print_msg("%s: rflags before 0x%llx after 0x%llx", what,
		       (unsigned long long)probe_in[R_RFLAGS],
		       (unsigned long long)probe_out[R_RFLAGS]);
	ktap_test_result(probe_out[R_RFLAGS] == probe_in[R_RFLAGS] &&
			 (probe_in[R_RFLAGS] & want_df_ac) == want_df_ac,
			 "%s: rflags after == rflags before", what);

	if (nr == SYS_getpid) {
		ktap_test_result((int64_t)probe_out[R_RAX] == (int64_t)getpid(),
				 "%s: rax == getpid()", what);
	} else {
		ktap_print_msg("rax %lld", (long long)probe_out[R_RAX]);
		ktap_test_result((int64_t)probe_out[R_RAX] == -ENOSYS,
				 "%s: rax == -ENOSYS", what);
	}
}

int main(void)
{
	const uint64_t all_flags = X86_EFLAGS_STATUS | X86_EFLAGS_FIXED |
				   X86_EFLAGS_IF | X86_EFLAGS_DF |
				   X86_EFLAGS_AC | X86_EFLAGS_ID;
	int same;

	ktap_print_header();
	ktap_set_plan(4 * N_PER_RUN + 3);

	run("getpid", SYS_getpid, 0);

	/* The selectors as the first run left them (a SYSRET or IRET return). */
	ktap_test_result(probe_sel_out[0] == 0x33,
			 "cs == 0x33 (__USER_CS) after syscall");
	ktap_test_result(probe_sel_out[1] == 0x2b,
			 "ss == 0x2b (__USER_DS) after syscall");
	same = memcmp(probe_sel_in, probe_sel_out, sizeof(probe_sel_in)) == 0;
	if (!same)
		ktap_print_msg("cs ss ds es before %#x %#x %#x %#x after %#x %#x %#x %#x",
			       probe_sel_in[0], probe_sel_in[1],
			       probe_sel_in[2], probe_sel_in[3],
			       probe_sel_out[0], probe_sel_out[1],
			       probe_sel_out[2], probe_sel_out[3]);
	ktap_test_result(same, "cs ss ds es unchanged by syscall");

	run("getpid, DF AC ID status flags set", SYS_getpid, all_flags);
	run("invalid nr", NR_INVALID, 0);
	run("invalid nr, DF AC ID status flags set", NR_INVALID, all_flags);

	ktap_finished();
	return KSFT_FAIL;	/* not reached */
}

#else /* !__x86_64__ */

int main(void)
{
	ktap_print_header();
	ktap_set_plan(1);
	ktap_test_skip("not a 64-bit build", "64-bit SYSCALL register contract");
	ktap_finished();
	return KSFT_FAIL;
}

#endif
