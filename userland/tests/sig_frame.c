// SPDX-License-Identifier: MIT
/*
 * sig_frame: what does a handler find, and what does sigreturn restore?
 * probe() (assembly below) loads known values into every general register
 * and XMM0-2, sets DF, and executes ud2. The SIGILL handler checks the
 * frame Linux builds for this ABI (64-bit rt_sigframe, x32
 * rt_sigframe_x32, ia32 rt_sigframe_ia32; userland/include/sigframe.h):
 * the saved registers are the ones at the fault, RIP/EIP is the ud2,
 * trapno 6, the FXSAVE image holds XMM0 and FP_XSTATE_MAGIC1, the stack
 * is aligned as after a call, DF is clear and the x87/SSE state fresh in
 * the handler. It then changes the saved RBX/EBX, XMM2 in the image and
 * XMM1 in its own live registers, and skips the ud2: after sigreturn
 * probe() sees the new RBX and XMM2, its own XMM1, DF set again, and
 * every other register as it was.
 */
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include "ktap.h"
#include "sigframe.h"

#if defined(__x86_64__)
/* rax rbx rcx rdx rsi rdi rbp rsp r8-r15 flags, then xmm0-2. */
struct regs {
	uint64_t ax, bx, cx, dx, si, di, bp, sp, r[8], flags;
	uint8_t xmm[3][16];
};
_Static_assert(sizeof(struct regs) == 184, "probe's layout");
__asm__(
	".text\n"
	".globl probe\n"
	"probe:\n"
	"	push %rbx\n	push %rbp\n	push %r12\n	push %r13\n	push %r14\n	push %r15\n"
	"	push %rsi\n"			/* out */
	"	push %rdi\n"			/* in */
	"	movdqu 136(%rdi), %xmm0\n	movdqu 152(%rdi), %xmm1\n	movdqu 168(%rdi), %xmm2\n"
	"	mov 0(%rdi), %rax\n	mov 8(%rdi), %rbx\n	mov 16(%rdi), %rcx\n	mov 24(%rdi), %rdx\n"
	"	mov 48(%rdi), %rbp\n"
	"	mov 64(%rdi), %r8\n	mov 72(%rdi), %r9\n	mov 80(%rdi), %r10\n	mov 88(%rdi), %r11\n"
	"	mov 96(%rdi), %r12\n	mov 104(%rdi), %r13\n	mov 112(%rdi), %r14\n	mov 120(%rdi), %r15\n"
	"	mov 32(%rdi), %rsi\n	mov 40(%rdi), %rdi\n"
	"	std\n"
	".globl probe_ud2\n"
	"probe_ud2:\n"
	"	ud2\n"
	"	pushfq\n"
	"	cld\n"
	"	push %rdi\n"
	"	mov 24(%rsp), %rdi\n"		/* out */
	"	mov %rax, 0(%rdi)\n	mov %rbx, 8(%rdi)\n	mov %rcx, 16(%rdi)\n	mov %rdx, 24(%rdi)\n"
	"	mov %rsi, 32(%rdi)\n	mov %rbp, 48(%rdi)\n"
	"	mov %r8, 64(%rdi)\n	mov %r9, 72(%rdi)\n	mov %r10, 80(%rdi)\n	mov %r11, 88(%rdi)\n"
	"	mov %r12, 96(%rdi)\n	mov %r13, 104(%rdi)\n	mov %r14, 112(%rdi)\n	mov %r15, 120(%rdi)\n"
	"	pop %rax\n	mov %rax, 40(%rdi)\n"	/* the probe's RDI */
	"	pop %rax\n	mov %rax, 128(%rdi)\n"	/* RFLAGS after */
	"	mov %rsp, 56(%rdi)\n"			/* RSP at the ud2 */
	"	movdqu %xmm0, 136(%rdi)\n	movdqu %xmm1, 152(%rdi)\n	movdqu %xmm2, 168(%rdi)\n"
	"	add $16, %rsp\n"
	"	pop %r15\n	pop %r14\n	pop %r13\n	pop %r12\n	pop %rbp\n	pop %rbx\n"
	"	ret\n");
#else
struct regs {
	uint32_t ax, bx, cx, dx, si, di, bp, sp, flags;
	uint8_t xmm[3][16];
};
_Static_assert(sizeof(struct regs) == 84, "probe's layout");
__asm__(
	".text\n"
	".globl probe\n"
	"probe:\n"
	"	push %ebx\n	push %ebp\n	push %esi\n	push %edi\n"
	"	mov 24(%esp), %eax\n"		/* out */
	"	push %eax\n"
	"	mov 24(%esp), %eax\n"		/* in */
	"	movdqu 36(%eax), %xmm0\n	movdqu 52(%eax), %xmm1\n	movdqu 68(%eax), %xmm2\n"
	"	mov 4(%eax), %ebx\n	mov 8(%eax), %ecx\n	mov 12(%eax), %edx\n	mov 16(%eax), %esi\n"
	"	mov 20(%eax), %edi\n	mov 24(%eax), %ebp\n	mov 0(%eax), %eax\n"
	"	std\n"
	".globl probe_ud2\n"
	"probe_ud2:\n"
	"	ud2\n"
	"	pushf\n"
	"	cld\n"
	"	push %eax\n"
	"	mov 8(%esp), %eax\n"		/* out */
	"	mov %ebx, 4(%eax)\n	mov %ecx, 8(%eax)\n	mov %edx, 12(%eax)\n	mov %esi, 16(%eax)\n"
	"	mov %edi, 20(%eax)\n	mov %ebp, 24(%eax)\n"
	"	pop %ebx\n	mov %ebx, 0(%eax)\n"
	"	pop %ebx\n	mov %ebx, 32(%eax)\n"
	"	mov %esp, 28(%eax)\n"
	"	movdqu %xmm0, 36(%eax)\n	movdqu %xmm1, 52(%eax)\n	movdqu %xmm2, 68(%eax)\n"
	"	add $4, %esp\n"
	"	pop %edi\n	pop %esi\n	pop %ebp\n	pop %ebx\n"
	"	ret\n");
#endif

void probe(const struct regs *in, struct regs *out);
extern char probe_ud2[];

#define DF 0x400
#define TF 0x100
#define NEW_BX 0x1234567u

static struct regs in, out;
static struct t_ucontext seen;			/* a copy of the handler's ucontext */
static uintptr_t seen_uc, seen_si, seen_frame, seen_fpstate;
static uint8_t seen_xmm0_img[16], live_xmm0[16];
static uint32_t seen_magic1, live_mxcsr;
static unsigned long live_flags;
static int seen_sig, seen_code;
static uintptr_t seen_addr;
static const uint8_t pat_b[16] = { 0xb0, 0xb1, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7,
				   0xb8, 0xb9, 0xba, 0xbb, 0xbc, 0xbd, 0xbe, 0xbf };
static const uint8_t pat_c[16] = { 0xc0, 0xc1, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7,
				   0xc8, 0xc9, 0xca, 0xcb, 0xcc, 0xcd, 0xce, 0xcf };

static void on_ill(int sig, siginfo_t *si, void *ucv)
{
	struct t_ucontext *uc = ucv;
	uint8_t *fx;

#if defined(__x86_64__)
	live_flags = __builtin_ia32_readeflags_u64();
#else
	live_flags = __builtin_ia32_readeflags_u32();
#endif
	__asm__ volatile("movdqu %%xmm0, %0" : "=m"(live_xmm0));
	__asm__ volatile("stmxcsr %0" : "=m"(live_mxcsr));
	seen_sig = sig;
	seen_code = si->si_code;
	seen_addr = (uintptr_t)si->si_addr;
	seen_uc = (uintptr_t)uc;
	seen_si = (uintptr_t)si;
	seen_frame = T_FRAME(uc);
	memcpy(&seen, uc, sizeof(seen));
	seen_fpstate = (uintptr_t)uc->mc.fpstate;
	fx = T_FXSAVE(uc);
	memcpy(seen_xmm0_img, fx + 160, 16);
	memcpy(&seen_magic1, fx + 464, 4);

	uc->mc.bx = NEW_BX;
	T_IP(uc) += 2;				/* past the ud2 */
	memcpy(fx + 160 + 32, pat_b, 16);	/* XMM2 in the image */
#ifdef __SSE__
	__asm__ volatile("movdqu %0, %%xmm1" : : "m"(pat_c) : "xmm1");
#else
	__asm__ volatile("movdqu %0, %%xmm1" : : "m"(pat_c));	/* no SSE code here to clobber */
#endif
}

static uint32_t mask_lo(const struct t_ucontext *uc)
{
	uint32_t lo;

	memcpy(&lo, &uc->uc_sigmask, 4);
	return lo;
}

static int all_zero(const uint8_t *p, int n)
{
	while (n--)
		if (*p++)
			return 0;
	return 1;
}

int main(void)
{
	struct sigaction sa;
	sigset_t block, now;
	int i;

	ktap_print_header();
	ktap_set_plan(17);

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_ill;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGILL, &sa, NULL);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR2);
	sigprocmask(SIG_BLOCK, &block, NULL);

	in.ax = 0x1111aaaa;
	in.bx = 0x2222bbbb;
	in.cx = 0x3333cccc;
	in.dx = 0x4444dddd;
	in.si = 0x5555eeee;
	in.di = 0x6666ffff;
	in.bp = 0x77771111;
#if defined(__x86_64__)
	for (i = 0; i < 8; i++)
		in.r[i] = 0x0808080800000000ULL * (i + 1) + i;
	in.ax |= 0xa0000000ULL << 32;
	in.bp |= 0xb0000000ULL << 32;
#endif
	for (i = 0; i < 48; i++)
		in.xmm[i / 16][i % 16] = 0x10 + i;

	probe(&in, &out);

	ktap_test_result(seen_sig == SIGILL && seen_code == 2 /* ILL_ILLOPN */ &&
			 seen_addr == (uintptr_t)probe_ud2, "ud2: SIGILL, ILL_ILLOPN, si_addr the ud2");
	ktap_test_result(T_IP(&seen) == (uintptr_t)probe_ud2 && seen.mc.trapno == 6 && seen.mc.err == 0,
			 "sigcontext: the IP of the ud2, trapno 6, err 0");
	ktap_test_result(seen.mc.ax == in.ax && seen.mc.bx == in.bx && seen.mc.cx == in.cx &&
			 seen.mc.dx == in.dx && seen.mc.si == in.si && seen.mc.di == in.di &&
			 seen.mc.bp == in.bp && T_SP(&seen) == out.sp,
			 "sigcontext: the general registers at the fault");
#if defined(__x86_64__)
	ktap_test_result(seen.mc.r8 == in.r[0] && seen.mc.r9 == in.r[1] && seen.mc.r10 == in.r[2] &&
			 seen.mc.r11 == in.r[3] && seen.mc.r12 == in.r[4] && seen.mc.r13 == in.r[5] &&
			 seen.mc.r14 == in.r[6] && seen.mc.r15 == in.r[7],
			 "sigcontext: R8-R15 at the fault");
	ktap_test_result(seen.mc.cs == 0x33 && seen.mc.ss == 0x2b &&
			 (seen.uc_flags & (T_UC_SIGCONTEXT_SS | T_UC_STRICT_RESTORE_SS)) ==
			 (T_UC_SIGCONTEXT_SS | T_UC_STRICT_RESTORE_SS),
			 "CS 0x33, SS 0x2b, uc_flags UC_SIGCONTEXT_SS|UC_STRICT_RESTORE_SS");
#else
	ktap_test_result(seen.mc.sp_at_signal == seen.mc.sp, "sigcontext: sp_at_signal is ESP");
	ktap_test_result(seen.mc.cs == 0x23 && seen.mc.ss == 0x2b && seen.mc.ds == 0x2b &&
			 seen.mc.es == 0x2b && (seen.uc_flags & ~T_UC_FP_XSTATE) == 0,
			 "CS 0x23, SS DS ES 0x2b, uc_flags 0 (but UC_FP_XSTATE)");
#endif
	ktap_test_result((seen.mc.flags & DF) && !(seen.mc.flags & TF), "sigcontext: the flags at the fault (DF set)");
	ktap_test_result(!(live_flags & DF) && !(live_flags & TF), "the handler runs with DF and TF clear");
	ktap_test_result((intptr_t)(seen_uc - seen_si) == T_UC_MINUS_INFO,
			 "siginfo and ucontext at Linux's offsets in the frame");
#if defined(__x86_64__)
	ktap_test_result((seen_frame + 8) % 16 == 0, "the handler's RSP + 8 is 16-byte aligned");
	ktap_test_result(seen_fpstate % 64 == 0 && seen_fpstate > seen_frame,
			 "fpstate: 64-byte aligned, above the frame");
#else
	ktap_test_result((seen_frame + 4) % 16 == 0, "the handler's ESP + 4 is 16-byte aligned");
	ktap_test_result((seen_fpstate + 112) % 64 == 0 && seen_fpstate > seen_frame,
			 "fpstate: the fsave header, then the FXSAVE image 64-byte aligned, above the frame");
#endif
	ktap_test_result(memcmp(seen_xmm0_img, in.xmm[0], 16) == 0 && seen_magic1 == T_FP_XSTATE_MAGIC1,
			 "the FXSAVE image holds XMM0 and FP_XSTATE_MAGIC1");
	ktap_test_result(all_zero(live_xmm0, 16) && live_mxcsr == 0x1f80,
			 "the handler starts with a fresh SSE state (XMM0 0, MXCSR 0x1f80)");
	ktap_test_result((seen.mc.oldmask & (1u << (SIGUSR2 - 1))) &&
			 !(seen.mc.oldmask & (1u << (SIGILL - 1))) &&
			 (mask_lo(&seen) & (1u << (SIGUSR2 - 1))),
			 "oldmask and uc_sigmask: the mask before the signal");
	ktap_test_result(out.bx == NEW_BX, "sigreturn loads the RBX/EBX the handler wrote");
	ktap_test_result(out.ax == in.ax && out.cx == in.cx && out.dx == in.dx && out.si == in.si &&
			 out.di == in.di && out.bp == in.bp
#if defined(__x86_64__)
			 && !memcmp(out.r, in.r, sizeof(in.r))
#endif
			 , "every other general register is restored");
	ktap_test_result(!memcmp(out.xmm[0], in.xmm[0], 16) && !memcmp(out.xmm[1], in.xmm[1], 16) &&
			 !memcmp(out.xmm[2], pat_b, 16),
			 "XMM0 and XMM1 restored, XMM2 as written into the frame");
	sigprocmask(SIG_BLOCK, NULL, &now);
	ktap_test_result((out.flags & DF) && sigismember(&now, SIGUSR2) == 1 &&
			 sigismember(&now, SIGILL) == 0, "DF and the signal mask are back after sigreturn");
	ktap_finished();
}
