// SPDX-License-Identifier: MIT
/*
 * The x87/SSE state in signal frames (Linux's arch/x86/kernel/fpu/signal.c
 * and the fxsr conversions of fpu/regset.c), for a kernel that saves with
 * FXSAVE (we do not enable XSAVE: the frames are Linux's "fxsr" frames).
 *
 * 64-bit and x32 frames: the 512-byte FXSAVE image, 64-byte aligned, right
 * above the frame; sigcontext.fpstate points at it. Its software-reserved
 * bytes 464..511 hold struct _fpx_sw_bytes (magic1 FP_XSTATE_MAGIC1, the
 * sizes, xfeatures = x87|SSE), which Linux writes even without XSAVE.
 *
 * ia32 frames: struct _fpstate_32, the 112-byte fsave-format header (the
 * x87 environment and registers converted from the FXSAVE image, status
 * and magic 0x0000 = "FXSR data follows") followed by the FXSAVE image;
 * sigcontext.fpstate points at the header. On sigreturn the header's x87
 * part wins over the image's (convert_to_fxsr()), as on Linux.
 *
 * The user's registers are live in the CPU while the kernel runs (it never
 * touches them), so saving is one FXSAVE; restoring goes through the
 * task's save area and one FXRSTOR, after the checks Linux makes (a
 * reserved MXCSR bit is a bad frame: SIGSEGV).
 */
#include <trident/task.h>
#include <trident/string.h>
#include <trident/uaccess.h>
#include <asm/fpu.h>
#include <asm/sigframe.h>
#include <asm/processor.h>

#define FP_XSTATE_MAGIC1	0x46505853U
#define FP_XSTATE_MAGIC2_SIZE	4
#define XFEATURE_MASK_FPSSE	3
#define X86_FXSR_MAGIC		0x0000

/* FXSAVE image offsets (Intel SDM vol. 1, table 10-2). */
#define FX_CWD		0
#define FX_SWD		2
#define FX_TWD		4
#define FX_FOP		6
#define FX_RIP		8
#define FX_RDP		16
#define FX_MXCSR	24
#define FX_MXCSR_MASK	28
#define FX_ST		32
#define FX_SW_RESERVED	464

/* struct user_i387_ia32_struct: the fsave environment and registers. */
struct i387_ia32 {
	u32 cwd, swd, twd, fip, fcs, foo, fos;
	u8 st_space[80];		/* 8 registers of 10 bytes */
} __attribute__((packed));
_Static_assert(sizeof(struct i387_ia32) == 108, "user_i387_ia32_struct");

struct fpx_sw_bytes {
	u32 magic1, extended_size;
	u64 xfeatures;
	u32 xstate_size;
	u32 padding[7];
} __attribute__((packed));
_Static_assert(sizeof(struct fpx_sw_bytes) == 48, "_fpx_sw_bytes");

static u16 rd16(const u8 *p) { u16 v; memcpy(&v, p, 2); return v; }
static u32 rd32(const u8 *p) { u32 v; memcpy(&v, p, 4); return v; }
static u64 rd64(const u8 *p) { u64 v; memcpy(&v, p, 8); return v; }
static void wr16(u8 *p, u16 v) { memcpy(p, &v, 2); }
static void wr64(u8 *p, u64 v) { memcpy(p, &v, 8); }

/* The MXCSR bits this CPU implements (Linux's mxcsr_feature_mask): from
 * FXSAVE's MXCSR_MASK, 0xffbf when the CPU reports 0. */
static u32 mxcsr_feature_mask(void)
{
	static u32 mask;

	if (!mask) {
		/* Static: the kernel's stack is only 8-byte aligned, and
		 * FXSAVE needs 16. */
		static struct fpu_state tmp;

		memset(&tmp, 0, sizeof(tmp));
		fpu_save(&tmp);
		mask = rd32(tmp.image + FX_MXCSR_MASK);
		if (!mask)
			mask = 0xffbf;
	}
	return mask;
}

unsigned long fpu__alloc_mathframe(unsigned long sp, bool ia32_frame,
				   unsigned long *buf_fx, unsigned long *size)
{
	unsigned long frame_size = FXSAVE_SIZE;

	*buf_fx = sp = (sp - frame_size) & ~63UL;
	if (ia32_frame) {
		frame_size += FREGS_SIZE;
		sp -= FREGS_SIZE;
	}
	*size = frame_size;
	return sp;
}

/* The fsave tag word from FXSAVE's abridged one (Linux's twd_fxsr_to_i387). */
static u32 twd_fxsr_to_i387(const u8 *fx)
{
	u32 tos = (rd16(fx + FX_SWD) >> 11) & 7;
	u32 twd = fx[FX_TWD];
	u32 ret = 0xffff0000u;

	for (int i = 0; i < 8; i++, twd >>= 1) {
		u32 tag = 3;					/* empty */
		if (twd & 1) {
			const u8 *st = fx + FX_ST + ((i - tos) & 7) * 16;
			u16 exp = rd16(st + 8) & 0x7fff;
			if (exp == 0x7fff)
				tag = 2;			/* special */
			else if (exp == 0)
				tag = rd64(st) ? 2 : 1;		/* denormal : zero */
			else
				tag = (rd16(st + 6) & 0x8000) ? 0 : 2;	/* valid : unnormal */
		}
		ret |= tag << (2 * i);
	}
	return ret;
}

/* And back (Linux's twd_i387_to_fxsr): one "not empty" bit per register. */
static u8 twd_i387_to_fxsr(u16 twd)
{
	unsigned int tmp = ~twd;

	tmp = (tmp | (tmp >> 1)) & 0x5555;
	tmp = (tmp | (tmp >> 1)) & 0x3333;
	tmp = (tmp | (tmp >> 2)) & 0x0f0f;
	tmp = (tmp | (tmp >> 4)) & 0x00ff;
	return tmp;
}

/* Linux's convert_from_fxsr() for a 64-bit kernel: FIP/FDP truncated, FCS
 * the user's CS, FOS the user's DS. */
static void convert_from_fxsr(struct i387_ia32 *env, const u8 *fx)
{
	u32 ds;

	env->cwd = rd16(fx + FX_CWD) | 0xffff0000u;
	env->swd = rd16(fx + FX_SWD) | 0xffff0000u;
	env->twd = twd_fxsr_to_i387(fx);
	env->fip = rd64(fx + FX_RIP);
	env->foo = rd64(fx + FX_RDP);
	env->fcs = current->regs->cs;
	savesegment(ds, ds);
	env->fos = (ds & 0xffff) | 0xffff0000u;
	for (int i = 0; i < 8; i++)
		memcpy(env->st_space + i * 10, fx + FX_ST + i * 16, 10);
}

static void convert_to_fxsr(u8 *fx, const struct i387_ia32 *env)
{
	wr16(fx + FX_CWD, env->cwd);
	wr16(fx + FX_SWD, env->swd);
	fx[FX_TWD] = twd_i387_to_fxsr(env->twd);
	wr16(fx + FX_FOP, env->fcs >> 16);
	wr64(fx + FX_RIP, env->fip);
	wr64(fx + FX_RDP, env->foo);
	for (int i = 0; i < 8; i++)
		memcpy(fx + FX_ST + i * 16, env->st_space + i * 10, 10);
}

/*
 * Save the user's x87/SSE state at buf_fx (and, for ia32, the fsave
 * header at buf): Linux's copy_fpstate_to_sigframe() for FXSR.
 */
bool copy_fpstate_to_sigframe(unsigned long buf, unsigned long buf_fx, bool ia32_fxstate)
{
	struct task *t = current;
	struct fpx_sw_bytes sw = {
		.magic1 = FP_XSTATE_MAGIC1,
		.extended_size = FXSAVE_SIZE + FP_XSTATE_MAGIC2_SIZE + (ia32_fxstate ? FREGS_SIZE : 0),
		.xfeatures = XFEATURE_MASK_FPSSE,
		.xstate_size = FXSAVE_SIZE,
	};

	fpu_save(&t->fpu);
	if (copy_to_user((void __user *)buf_fx, t->fpu.image, FXSAVE_SIZE))
		return false;
	if (ia32_fxstate) {
		struct i387_ia32 env;
		u16 status_magic[2] = { rd16(t->fpu.image + FX_SWD), X86_FXSR_MAGIC };

		convert_from_fxsr(&env, t->fpu.image);
		if (copy_to_user((void __user *)buf, &env, sizeof(env)) ||
		    copy_to_user((void __user *)(buf + sizeof(env)), status_magic, 4))
			return false;
	}
	return !copy_to_user((void __user *)(buf_fx + FX_SW_RESERVED), &sw, sizeof(sw));
}

/* The handler starts with the state of a new program (Linux's
 * fpu__clear_user_states()). */
void fpu__clear_user_states(void)
{
	fpu_init_state(&current->fpu);
	fpu_restore(&current->fpu);
}

/*
 * Load the state a sigreturn frame names (Linux's fpu__restore_sig() and
 * __fpu_restore_sig()). buf 0: no state, a fresh one. False for a bad
 * frame (unreadable, a 64-bit image not 16-byte aligned, as FXRSTOR
 * would #GP on it, a reserved MXCSR bit); the state is then fresh too.
 */
bool fpu__restore_sig(unsigned long buf, bool ia32_frame)
{
	struct task *t = current;
	unsigned long buf_fx = buf;
	struct i387_ia32 env;

	if (!buf) {
		fpu__clear_user_states();
		return true;
	}
	if (ia32_frame) {
		buf_fx = buf + FREGS_SIZE;
		if (!access_ok((void __user *)buf, FXSAVE_SIZE + FREGS_SIZE) ||
		    copy_from_user(&env, (const void __user *)buf, sizeof(env)))
			goto bad;
	} else if (buf_fx & 15) {
		goto bad;
	}
	/* Into the task's save area (16-byte aligned), which a failure
	 * below resets anyway. */
	if (copy_from_user(t->fpu.image, (const void __user *)buf_fx, FXSAVE_SIZE))
		goto bad;
	if (rd32(t->fpu.image + FX_MXCSR) & ~mxcsr_feature_mask())
		goto bad;
	if (ia32_frame)
		convert_to_fxsr(t->fpu.image, &env);
	fpu_restore(&t->fpu);
	return true;
bad:
	fpu__clear_user_states();
	return false;
}
