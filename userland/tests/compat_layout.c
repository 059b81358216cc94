/* SPDX-License-Identifier: MIT */
/*
 * compat_layout: do the structures and split arguments of 32-bit system
 * calls come out as Linux lays them out?
 *
 * An i386 program's long, pointer and time_t have 32 bits, so every call
 * whose structure holds one has a second layout, and every 64-bit value
 * passed by value (a file offset) takes two registers. Asked of the _32
 * build, each through syscall() with the raw structure:
 *
 *  - stat64 (packed, 96 bytes, its two padding holes never written),
 *    fstat64, fstatat64, lstat64, the 64-byte stat of call 106, the
 *    16-bit oldstat, statx;
 *  - _llseek beyond 4 GiB (offset in two registers, result through a
 *    pointer, the seek done even when that pointer is bad), lseek's
 *    32-bit view of the same offset and its signed offset, pread64,
 *    pwrite64 and preadv with the offset in two registers, truncate64,
 *    ftruncate64, ftruncate's signed 32-bit length;
 *  - mmap2's offset in pages, old mmap's argument block;
 *  - getdents64 and the 32-bit getdents record;
 *  - writev and readv with three 8-byte iovecs on a pipe;
 *  - clock_gettime (32-bit time) against clock_gettime64, the padding
 *    half of clock_nanosleep_time64's tv_nsec ignored, time and
 *    gettimeofday;
 *  - the three unames (machine is "x86_64" for ia32 programs too), the
 *    two getrlimits' clamping, O_LARGEFILE not forced on ia32 opens, the
 *    72-byte compat rusage, the 16-bit getuid, arch_prctl for ia32.
 *
 * The 64-bit builds ask what exists for them (stat, lseek, pread64, mmap,
 * getdents64, writev/readv, clock_gettime, uname, O_LARGEFILE). Values
 * that differ between machines (times, the release) are compared with
 * each other, never printed in a result line.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>

#include "ktap.h"
#include "errname.h"
#include "raw_syscall.h"

#if defined(__i386__)
#define PLAN		43
#else
#define PLAN		13
#endif

#define DT_DIR		4
#define DT_REG		8
#define K_S_IFMT	0170000
#define K_S_IFREG	0100000
#define K_S_IFLNK	0120000
#define PAGE		4096
#define CLOCK_REALTIME	0
#define RLIMIT_CPU	0
#define WEXITSTATUS_OF(s) (((s) >> 8) & 0xff)
/* The kernel's O_LARGEFILE (glibc's x86_64 headers make O_LARGEFILE 0). */
#define K_O_LARGEFILE	0100000

static char dir[64], path[96], lnk[96], map[96], sub[96];
static volatile uintptr_t bad_addr = 0x10;

static long sys(long ret)
{
	return ret == -1 ? -errno : ret;
}

static void expect_err(long ret, int err, const char *what)
{
	if (ret != -err)
		ktap_print_msg("got %s", raw_result_name(ret));
	ktap_test_result(ret == -err, "%s -> %s", what, errno_name(err));
}

/* The names getdents64 lists in d: which of ".", "..", "a1", "b2" (bits). */
static int dents64_names(const char *d)
{
	char buf[512];
	int fd = sys(syscall(SYS_open, d, O_RDONLY | O_DIRECTORY));
	int seen = 0;
	long n;

	while ((n = sys(syscall(SYS_getdents64, fd, buf, sizeof(buf)))) > 0) {
		for (long off = 0; off < n; ) {
			unsigned short reclen;
			const char *name = buf + off + 19;

			memcpy(&reclen, buf + off + 16, 2);
			seen |= !strcmp(name, ".") ? 1 : !strcmp(name, "..") ? 2 :
				!strcmp(name, "a1") ? 4 : !strcmp(name, "b2") ? 8 : 16;
			off += reclen;
		}
	}
	syscall(SYS_close, fd);
	return seen;
}

/* Sets up dir with a 10-byte file, a symlink to it, a 3-page file whose
 * page i is full of 'A' + i, and a subdirectory holding a1 and b2. */
static int setup(void)
{
	char page[PAGE];
	int fd;

	snprintf(dir, sizeof(dir), "/tmp/compat_layout.%d", (int)getpid());
	snprintf(path, sizeof(path), "%s/file", dir);
	snprintf(lnk, sizeof(lnk), "%s/link", dir);
	snprintf(map, sizeof(map), "%s/map", dir);
	snprintf(sub, sizeof(sub), "%s/sub", dir);
	if (sys(syscall(SYS_mkdir, dir, 0755)) || sys(syscall(SYS_mkdir, sub, 0755)))
		return -1;
	syscall(SYS_umask, 022);
	fd = sys(syscall(SYS_open, path, O_CREAT | O_RDWR | O_TRUNC, 0640));
	if (fd < 0 || write(fd, "abcdefghij", 10) != 10)
		return -1;
	syscall(SYS_close, fd);
	syscall(SYS_symlink, "file", lnk);
	fd = sys(syscall(SYS_open, map, O_CREAT | O_RDWR | O_TRUNC, 0644));
	for (int i = 0; i < 3; i++) {
		memset(page, 'A' + i, sizeof(page));
		if (write(fd, page, sizeof(page)) != PAGE)
			return -1;
	}
	syscall(SYS_close, fd);
	for (int i = 0; i < 2; i++) {
		char name[128];

		snprintf(name, sizeof(name), "%s/%s", sub, i ? "b2" : "a1");
		fd = sys(syscall(SYS_open, name, O_CREAT | O_WRONLY, 0644));
		syscall(SYS_close, fd);
	}
	return 0;
}

static void cleanup(void)
{
	char name[128];

	for (int i = 0; i < 2; i++) {
		snprintf(name, sizeof(name), "%s/%s", sub, i ? "b2" : "a1");
		syscall(SYS_unlink, name);
	}
	syscall(SYS_rmdir, sub);
	syscall(SYS_unlink, lnk);
	syscall(SYS_unlink, map);
	syscall(SYS_unlink, path);
	syscall(SYS_rmdir, dir);
}

/* writev of three segments into a pipe, readv of three others out. */
static void test_iovec(void)
{
	struct iovec w[3] = { { "abc", 3 }, { "", 0 }, { "defghi", 6 } };
	char r0[2], r1[3], r2[4];
	struct iovec r[3] = { { r0, 2 }, { r1, 3 }, { r2, 4 } };
	int p[2];
	long n;

	if (sys(syscall(SYS_pipe, p))) {
		ktap_test_fail("writev of 3 segments into a pipe");
		ktap_test_fail("readv of 3 segments from a pipe");
		return;
	}
	n = sys(syscall(SYS_writev, p[1], w, 3));
	ktap_test_result(n == 9, "writev of 3 segments into a pipe -> 9");
	n = sys(syscall(SYS_readv, p[0], r, 3));
	ktap_test_result(n == 9 && !memcmp(r0, "ab", 2) && !memcmp(r1, "cde", 3) &&
			 !memcmp(r2, "fghi", 4), "readv of 3 segments (2, 3, 4 bytes) from a pipe");
	syscall(SYS_close, p[0]);
	syscall(SYS_close, p[1]);
}

static void test_uname_machine(void)
{
	char u[6 * 65];

	memset(u, 0, sizeof(u));
	long r = sys(syscall(SYS_uname, u));
	ktap_print_msg("uname: machine \"%s\"", u + 4 * 65);
	ktap_test_result(r == 0 && !strcmp(u + 4 * 65, "x86_64"),
			 "uname: machine is \"x86_64\"");
}

#if defined(__i386__)
/* ======================================================= the i386 side */

#define SYS_oldstat_nr		18
#define SYS_newstat_nr		106
#define ARCH_SET_FS		0x1002
#define ARCH_GET_CPUID		0x1011
#define SIGCHLD			17

struct k_stat64 {			/* i386 struct stat64, packed */
	unsigned long long st_dev;
	unsigned char __pad0[4];
	unsigned int __st_ino;
	unsigned int st_mode, st_nlink, st_uid, st_gid;
	unsigned long long st_rdev;
	unsigned char __pad3[4];
	long long st_size;
	unsigned int st_blksize;
	unsigned long long st_blocks;
	unsigned int st_atime_, st_atime_nsec, st_mtime_, st_mtime_nsec, st_ctime_, st_ctime_nsec;
	unsigned long long st_ino;
} __attribute__((packed));

struct k_compat_stat {			/* call 106 */
	unsigned int st_dev, st_ino;
	unsigned short st_mode, st_nlink, st_uid, st_gid;
	unsigned int st_rdev, st_size, st_blksize, st_blocks;
	unsigned int times[6], unused[2];
};

struct k_old_stat {			/* call 18: __old_kernel_stat */
	unsigned short st_dev, st_ino, st_mode, st_nlink, st_uid, st_gid, st_rdev;
	unsigned int st_size, st_atime_, st_mtime_, st_ctime_;
};

struct k_timespec32 { long tv_sec, tv_nsec; };
struct k_timespec64 { long long tv_sec, tv_nsec; };
struct k_rlimit32 { unsigned long cur, max; };
struct k_rlimit64 { unsigned long long cur, max; };

static int pads_untouched(const struct k_stat64 *st)
{
	for (int i = 0; i < 4; i++)
		if (st->__pad0[i] != 0xa5 || st->__pad3[i] != 0xa5)
			return 0;
	return 1;
}

static void test_stat(void)
{
	struct k_stat64 st, fst, at, l;
	struct k_compat_stat cs;
	struct k_old_stat os;
	unsigned char sx[256];
	unsigned long long stx_size;
	long r;
	int fd;

	memset(&st, 0xa5, sizeof(st));
	r = sys(syscall(SYS_stat64, path, &st));
	ktap_print_msg("stat64 -> %s, size %lld, mode %#o", raw_result_name(r), st.st_size,
		       st.st_mode);
	ktap_test_result(r == 0 && st.st_size == 10 && st.st_mode == (K_S_IFREG | 0640) &&
			 st.st_nlink == 1 && st.__st_ino == (unsigned int)st.st_ino,
			 "stat64: st_size, st_mode, st_nlink and both inode fields of a new file");
	ktap_test_result(r == 0 && pads_untouched(&st),
			 "stat64 leaves its padding (__pad0, __pad3) as it was");

	fd = sys(syscall(SYS_open, path, O_RDONLY));
	memset(&fst, 0, sizeof(fst));
	r = sys(syscall(SYS_fstat64, fd, &fst));
	syscall(SYS_close, fd);
	ktap_test_result(r == 0 && fst.st_ino == st.st_ino && fst.st_size == 10 &&
			 fst.st_dev == st.st_dev, "fstat64 agrees with stat64");

	memset(&at, 0, sizeof(at));
	r = sys(syscall(SYS_fstatat64, AT_FDCWD, path, &at, 0));
	ktap_test_result(r == 0 && at.st_ino == st.st_ino && at.st_size == 10,
			 "fstatat64(AT_FDCWD) agrees with stat64");
	memset(&l, 0, sizeof(l));
	r = sys(syscall(SYS_lstat64, lnk, &l));
	ktap_test_result(r == 0 && (l.st_mode & K_S_IFMT) == K_S_IFLNK && l.st_size == 4,
			 "lstat64 of a symlink: S_IFLNK, size 4");

	memset(&cs, 0xa5, sizeof(cs));
	r = sys(syscall(SYS_newstat_nr, path, &cs));
	ktap_test_result(r == 0 && cs.st_size == 10 && cs.st_mode == (K_S_IFREG | 0640) &&
			 cs.st_ino == (unsigned int)st.st_ino && cs.st_nlink == 1 && cs.unused[0] == 0,
			 "stat (106): the 64-byte compat struct stat");
	/* The host's /tmp has inode numbers above 65535, which the 16-bit
	 * st_ino cannot hold. */
	memset(&os, 0xa5, sizeof(os));
	r = sys(syscall(SYS_oldstat_nr, path, &os));
	ktap_print_msg("oldstat -> %s, inode %llu", raw_result_name(r), st.st_ino);
	if (st.st_ino > 0xffff)
		ktap_test_result(r == -EOVERFLOW,
				 "oldstat (18): 16-bit fields, EOVERFLOW for an inode number above 65535");
	else
		ktap_test_result(r == 0 && os.st_size == 10 && os.st_mode == (K_S_IFREG | 0640) &&
				 os.st_nlink == 1 && os.st_ino == st.st_ino,
				 "oldstat (18): 16-bit fields, EOVERFLOW for an inode number above 65535");

	memset(sx, 0, sizeof(sx));
	r = sys(syscall(SYS_statx, AT_FDCWD, path, 0, 0x7ff, sx));
	memcpy(&stx_size, sx + 40, 8);
	ktap_test_result(r == 0 && stx_size == 10, "statx: stx_size, the same layout for every ABI");
}

static void test_offsets(void)
{
	long long res = 0, cur = 0;
	char buf[8];
	long r;
	int fd = sys(syscall(SYS_open, path, O_RDWR));

	/* 0x1_4000_0005: beyond 4 GiB, so the high half is 1. */
	r = sys(syscall(SYS__llseek, fd, 1, 0x40000005, &res, 0 /* SEEK_SET */));
	ktap_print_msg("_llseek -> %s, offset %#llx", raw_result_name(r), res);
	ktap_test_result(r == 0 && res == 0x140000005LL,
			 "_llseek(high 1, low 0x40000005) -> 0, offset 0x140000005 at *result");
	r = sys(syscall(SYS__llseek, fd, 0, 0, &cur, 1 /* SEEK_CUR */));
	ktap_test_result(r == 0 && cur == 0x140000005LL, "_llseek(SEEK_CUR, 0) reads it back");
	r = sys(syscall(SYS_lseek, fd, 0, 1 /* SEEK_CUR */));
	ktap_print_msg("lseek(SEEK_CUR, 0) -> %ld", r);
	ktap_test_result(r == 0x40000005, "lseek (32-bit) at that offset returns its low 32 bits");
	expect_err(sys(syscall(SYS_lseek, fd, -1L, 0)), EINVAL,
		   "lseek(SEEK_SET, -1): the 32-bit offset is signed");
	r = sys(syscall(SYS__llseek, fd, 0, 3, (void *)bad_addr, 0));
	cur = 0;
	syscall(SYS__llseek, fd, 0, 0, &cur, 1);
	ktap_test_result(r == -EFAULT && cur == 3,
			 "_llseek with a bad result pointer -> EFAULT, the seek done all the same");

	memset(buf, 0, sizeof(buf));
	r = sys(syscall(SYS_pread64, fd, buf, 4, 2, 0));
	ktap_test_result(r == 4 && !memcmp(buf, "cdef", 4), "pread64(offset 2 as low 2, high 0)");
	r = sys(syscall(SYS_pread64, fd, buf, 4, 2, 1));
	ktap_test_result(r == 0, "pread64(low 2, high 1): 4 GiB + 2 is past the end -> 0");
	expect_err(sys(syscall(SYS_pread64, fd, buf, 4, 0, 0x80000000UL)), EINVAL,
		   "pread64(high 0x80000000): a negative offset");
	r = sys(syscall(SYS_pwrite64, fd, "XY", 2, 3, 0));
	memset(buf, 0, sizeof(buf));
	syscall(SYS_pread64, fd, buf, 6, 0, 0);
	ktap_test_result(r == 2 && !memcmp(buf, "abcXYf", 6), "pwrite64(low 3, high 0)");

	char v0[2], v1[2];
	struct iovec v[2] = { { v0, 2 }, { v1, 2 } };
	long r1 = sys(syscall(SYS_preadv, fd, v, 2, 1, 0));
	long r2 = sys(syscall(SYS_preadv, fd, v, 2, 1, 1));
	ktap_test_result(r1 == 4 && !memcmp(v0, "bc", 2) && !memcmp(v1, "XY", 2) && r2 == 0,
			 "preadv(low 1, high 0) into 2 iovecs; (low 1, high 1) is past the end");

	struct k_stat64 st;
	long t1 = sys(syscall(SYS_truncate64, path, 4, 0));
	memset(&st, 0, sizeof(st));
	syscall(SYS_stat64, path, &st);
	long long s1 = st.st_size;
	long t2 = sys(syscall(SYS_ftruncate64, fd, 6, 0));
	syscall(SYS_stat64, path, &st);
	ktap_test_result(t1 == 0 && s1 == 4 && t2 == 0 && st.st_size == 6,
			 "truncate64 and ftruncate64 take the length as (low, high)");
	expect_err(sys(syscall(SYS_ftruncate64, fd, 0, 0x80000000UL)), EINVAL,
		   "ftruncate64(high 0x80000000): a negative length");
	expect_err(sys(syscall(SYS_ftruncate, fd, -1L)), EINVAL,
		   "ftruncate(-1): the 32-bit length is signed");
	syscall(SYS_close, fd);
}

static void test_mmap(void)
{
	int fd = sys(syscall(SYS_open, map, O_RDONLY));
	unsigned long args[6] = { 0, PAGE, PROT_READ, MAP_PRIVATE, (unsigned long)fd, PAGE };
	long p;

	/* Addresses above 2 GiB are negative longs: an error is -4095..-1. */
	p = syscall(SYS_mmap2, 0, PAGE, PROT_READ, MAP_PRIVATE, fd, 2);
	int ok = p != -1 && *(volatile char *)p == 'C' && *(volatile char *)(p + PAGE - 1) == 'C';
	ktap_test_result(ok, "mmap2 with page offset 2 maps the file's third page");
	if (p != -1)
		munmap((void *)p, PAGE);
	p = syscall(SYS_mmap, args);
	ok = p != -1 && *(volatile char *)p == 'B';
	ktap_test_result(ok, "old mmap (90): the arguments in a block, offset 4096 in bytes");
	if (p != -1)
		munmap((void *)p, PAGE);
	args[5] = 100;
	expect_err(sys(syscall(SYS_mmap, args)), EINVAL, "old mmap with offset 100 (not page-aligned)");
	syscall(SYS_close, fd);
}

/* getdents (141): d_ino and d_off of 32 bits, name at byte 10, d_type in
 * the record's last byte. */
static void test_getdents32(void)
{
	char buf[512];
	int fd = sys(syscall(SYS_open, sub, O_RDONLY | O_DIRECTORY));
	int seen = 0, types = 1, aligned = 1;
	long n;

	while ((n = sys(syscall(SYS_getdents, fd, buf, sizeof(buf)))) > 0) {
		for (long off = 0; off < n; ) {
			unsigned short reclen;
			const char *name = buf + off + 10;
			unsigned char type;

			memcpy(&reclen, buf + off + 8, 2);
			type = buf[off + reclen - 1];
			if (reclen % 4)
				aligned = 0;
			if (!strcmp(name, ".")) {
				seen |= 1;
				types &= type == DT_DIR;
			} else if (!strcmp(name, "..")) {
				seen |= 2;
			} else if (!strcmp(name, "a1") || !strcmp(name, "b2")) {
				seen |= name[0] == 'a' ? 4 : 8;
				types &= type == DT_REG;
			} else {
				seen |= 16;
			}
			off += reclen;
		}
	}
	syscall(SYS_close, fd);
	ktap_print_msg("getdents names %#x, types %d, aligned %d", seen, types, aligned);
	ktap_test_result(seen == 15 && types && aligned,
			 "getdents (32-bit records): names at byte 10, d_type last, 4-byte aligned");
}

static void test_time(void)
{
	struct k_timespec32 t32, r32;
	struct k_timespec64 t64, r64, req;
	long a, b, t;
	long tv[2];

	memset(&t64, 0xff, sizeof(t64));
	a = sys(syscall(SYS_clock_gettime, CLOCK_REALTIME, &t32));
	b = sys(syscall(SYS_clock_gettime64, CLOCK_REALTIME, &t64));
	ktap_test_result(a == 0 && b == 0 && t64.tv_sec - t32.tv_sec <= 1 && t64.tv_sec >= t32.tv_sec &&
			 t64.tv_nsec >= 0 && t64.tv_nsec < 1000000000LL,
			 "clock_gettime (32-bit time_t) and clock_gettime64 agree; tv_nsec's upper half is 0");
	memset(&r64, 0xff, sizeof(r64));
	a = sys(syscall(SYS_clock_getres, CLOCK_REALTIME, &r32));
	b = sys(syscall(SYS_clock_getres_time64, CLOCK_REALTIME, &r64));
	ktap_test_result(a == 0 && b == 0 && r32.tv_sec == r64.tv_sec && r32.tv_nsec == r64.tv_nsec,
			 "clock_getres and clock_getres_time64 agree");
	req.tv_sec = 0;
	req.tv_nsec = 1000 | (0x5a5a5a5aLL << 32);
	expect_err(sys(syscall(SYS_clock_nanosleep_time64, CLOCK_REALTIME, 0, &req, NULL)), 0,
		   "clock_nanosleep_time64 ignores the padding half of tv_nsec");
	t = sys(syscall(SYS_time, NULL));
	a = sys(syscall(SYS_gettimeofday, tv, NULL));
	syscall(SYS_clock_gettime, CLOCK_REALTIME, &t32);
	ktap_test_result(t > 0 && a == 0 && t32.tv_sec - t <= 1 && t32.tv_sec - tv[0] <= 1 &&
			 tv[1] >= 0 && tv[1] < 1000000,
			 "time and gettimeofday (32-bit) agree with clock_gettime");
}

static void test_unames(void)
{
	char nu[6 * 65], ou[5 * 65], oo[5 * 9];
	long r1, r2;

	memset(nu, 0, sizeof(nu));
	memset(ou, 0xa5, sizeof(ou));
	memset(oo, 0xa5, sizeof(oo));
	syscall(SYS_uname, nu);
	r1 = sys(syscall(SYS_olduname, ou));
	ktap_test_result(r1 == 0 && !memcmp(ou, nu, sizeof(ou)),
			 "olduname (109): the first five fields of uname");
	r2 = sys(syscall(SYS_oldolduname, oo));
	ktap_test_result(r2 == 0 && !strcmp(oo, "Linux") && !strncmp(oo + 2 * 9, nu + 2 * 65, 8) &&
			 oo[2 * 9 + 8] == 0 && !strncmp(oo + 4 * 9, "x86_64", 8),
			 "oldolduname (59): five fields of 8 characters and a NUL");
}

static void test_rlimit(void)
{
	struct k_rlimit64 r64;
	struct k_rlimit32 n, o;
	long a, b, c;

	a = sys(syscall(SYS_prlimit64, 0, RLIMIT_CPU, NULL, &r64));
	b = sys(syscall(SYS_ugetrlimit, RLIMIT_CPU, &n));
	c = sys(syscall(SYS_getrlimit, RLIMIT_CPU, &o));
	ktap_print_msg("RLIMIT_CPU: %#llx %#llx; ugetrlimit %#lx %#lx; getrlimit %#lx %#lx",
		       r64.cur, r64.max, n.cur, n.max, o.cur, o.max);
	ktap_test_result(a == 0 && b == 0 &&
			 n.cur == (r64.cur > 0xffffffffULL ? 0xffffffffUL : r64.cur) &&
			 n.max == (r64.max > 0xffffffffULL ? 0xffffffffUL : r64.max),
			 "ugetrlimit (191): a limit above 32 bits reads as 0xffffffff");
	ktap_test_result(a == 0 && c == 0 &&
			 o.cur == (r64.cur > 0x7fffffffULL ? 0x7fffffffUL : r64.cur) &&
			 o.max == (r64.max > 0x7fffffffULL ? 0x7fffffffUL : r64.max),
			 "getrlimit (76): a limit above 0x7fffffff reads as 0x7fffffff");
}

static void test_largefile(void)
{
	char name[128];
	long fd, fl1, fl2, fl3;

	fd = sys(syscall(SYS_open, path, O_RDONLY));
	fl1 = sys(syscall(SYS_fcntl64, fd, F_GETFL));
	syscall(SYS_close, fd);
	fd = sys(syscall(SYS_openat, AT_FDCWD, path, O_RDONLY | K_O_LARGEFILE));
	fl2 = sys(syscall(SYS_fcntl64, fd, F_GETFL));
	syscall(SYS_close, fd);
	snprintf(name, sizeof(name), "%s/creat", dir);
	fd = sys(syscall(SYS_creat, name, 0644));
	fl3 = sys(syscall(SYS_fcntl, fd, F_GETFL));
	syscall(SYS_close, fd);
	syscall(SYS_unlink, name);
	ktap_print_msg("F_GETFL: open %#lo, openat(O_LARGEFILE) %#lo, creat %#lo", fl1, fl2, fl3);
	ktap_test_result(fl1 >= 0 && !(fl1 & K_O_LARGEFILE) && fl2 >= 0 && (fl2 & K_O_LARGEFILE),
			 "ia32 open and openat do not force O_LARGEFILE");
	ktap_test_result(fl3 >= 0 && (fl3 & K_O_LARGEFILE), "ia32 creat does (as every creat on a 64-bit kernel)");
}

static void test_misc(void)
{
	unsigned char ru[144];
	int status = -1, only72 = 1;
	long pid, r;

	pid = sys(syscall(SYS_fork));
	if (pid == 0)
		syscall(SYS_exit_group, 3);
	memset(ru, 0xa5, sizeof(ru));
	r = sys(syscall(SYS_wait4, pid, &status, 0, ru));
	for (int i = 72; i < 144; i++)
		if (ru[i] != 0xa5)
			only72 = 0;
	ktap_test_result(r == pid && WEXITSTATUS_OF(status) == 3 && only72,
			 "wait4: the child's status, and a struct rusage of 72 bytes");

	long u16 = sys(syscall(24 /* getuid, 16-bit */));
	long u32 = sys(syscall(SYS_getuid32));
	ktap_print_msg("getuid %ld, getuid32 %ld", u16, u32);
	ktap_test_result(u32 >= 0 && u16 == (u32 > 0xffff ? 65534 : u32),
			 "getuid (24) is getuid32 in 16 bits");

	unsigned long fs = 0x1000;
	expect_err(sys(syscall(SYS_arch_prctl, ARCH_SET_FS, fs)), EINVAL,
		   "arch_prctl(ARCH_SET_FS) from ia32");
	r = sys(syscall(SYS_arch_prctl, ARCH_GET_CPUID, 0));
	ktap_test_result(r == 1, "arch_prctl(ARCH_GET_CPUID) from ia32 -> 1");
}

static void run(void)
{
	test_stat();
	test_offsets();
	test_mmap();
	ktap_test_result(dents64_names(sub) == 15, "getdents64 lists ., .., a1, b2");
	test_getdents32();
	test_iovec();
	test_time();
	test_uname_machine();
	test_unames();
	test_rlimit();
	test_largefile();
	test_misc();
}

#else
/* ================================================ the 64-bit and x32 side */

struct k_stat {				/* x86_64's struct stat (x32's too) */
	unsigned long long st_dev, st_ino, st_nlink;
	unsigned int st_mode, st_uid, st_gid, __pad0;
	unsigned long long st_rdev;
	long long st_size, st_blksize, st_blocks;
	unsigned long long times[6];
	long long __unused[3];
};

struct k_timespec64 { long long tv_sec, tv_nsec; };

static void run(void)
{
	struct k_stat st;
	char buf[8];
	int64_t r;
	long fl;
	int fd;

	memset(&st, 0, sizeof(st));
	r = raw_syscall6(SYS_newfstatat, (uint64_t)AT_FDCWD, RAW_PTR(path), RAW_PTR(&st), 0, 0, 0);
	ktap_test_result(r == 0 && st.st_size == 10 && st.st_mode == (K_S_IFREG | 0640) &&
			 st.st_nlink == 1, "newfstatat: st_size, st_mode, st_nlink of a new file");
	memset(&st, 0, sizeof(st));
	r = raw_syscall6(SYS_newfstatat, (uint64_t)AT_FDCWD, RAW_PTR(lnk), RAW_PTR(&st),
			 AT_SYMLINK_NOFOLLOW, 0, 0);
	ktap_test_result(r == 0 && (st.st_mode & K_S_IFMT) == K_S_IFLNK && st.st_size == 4,
			 "newfstatat(AT_SYMLINK_NOFOLLOW) of a symlink: S_IFLNK, size 4");

	fd = raw_syscall6(SYS_openat, (uint64_t)AT_FDCWD, RAW_PTR(path), O_RDWR, 0, 0, 0);
	r = raw_syscall6(SYS_lseek, fd, 0x140000005ULL, 0, 0, 0, 0);
	ktap_test_result(r == 0x140000005LL, "lseek to 0x140000005 returns the 64-bit offset");
	expect_err(raw_syscall6(SYS_lseek, fd, (uint64_t)-1, 0, 0, 0, 0), EINVAL, "lseek(SEEK_SET, -1)");
	memset(buf, 0, sizeof(buf));
	r = raw_syscall6(SYS_pread64, fd, RAW_PTR(buf), 4, 2, 0, 0);
	ktap_test_result(r == 4 && !memcmp(buf, "cdef", 4), "pread64(offset 2)");
	r = raw_syscall6(SYS_pread64, fd, RAW_PTR(buf), 4, 0x100000002ULL, 0, 0);
	ktap_test_result(r == 0, "pread64(offset 4 GiB + 2) is past the end -> 0");
	fl = raw_syscall6(SYS_fcntl, fd, F_GETFL, 0, 0, 0, 0);
	ktap_test_result(fl >= 0 && (fl & K_O_LARGEFILE), "a 64-bit open forces O_LARGEFILE");
	raw_syscall6(SYS_close, fd, 0, 0, 0, 0, 0);

	fd = raw_syscall6(SYS_openat, (uint64_t)AT_FDCWD, RAW_PTR(map), O_RDONLY, 0, 0, 0);
	r = raw_syscall6(SYS_mmap, 0, PAGE, PROT_READ, MAP_PRIVATE, fd, 2 * PAGE);
	ktap_test_result(r > 0 && *(volatile char *)(uintptr_t)r == 'C',
			 "mmap with offset 8192 maps the file's third page");
	if (r > 0)
		raw_syscall6(SYS_munmap, r, PAGE, 0, 0, 0, 0);
	raw_syscall6(SYS_close, fd, 0, 0, 0, 0, 0);

	ktap_test_result(dents64_names(sub) == 15, "getdents64 lists ., .., a1, b2");
	test_iovec();

	struct k_timespec64 t;
	long long tv[2];			/* x32's struct timeval too */
	r = raw_syscall6(SYS_clock_gettime, CLOCK_REALTIME, RAW_PTR(&t), 0, 0, 0, 0);
	int64_t g = raw_syscall6(SYS_gettimeofday, RAW_PTR(tv), 0, 0, 0, 0, 0);
	ktap_test_result(r == 0 && g == 0 && tv[0] - t.tv_sec <= 1 && tv[0] >= t.tv_sec,
			 "clock_gettime and gettimeofday agree");
	test_uname_machine();
}
#endif

int main(void)
{
	ktap_print_header();
	ktap_set_plan(PLAN);
	if (setup()) {
		ktap_print_msg("cannot set up %s: %s", dir, errno_name(errno));
		cleanup();
		ktap_finished();
	}
	run();
	cleanup();
	ktap_finished();
}
