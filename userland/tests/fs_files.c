/* SPDX-License-Identifier: MIT */
/*
 * fs_files: what do open, read, write, lseek, pread, pwrite, truncate,
 * stat, statx, symlink and readlink do with regular files?
 *
 *  - a file of the initramfs: this program itself (argv[0]), and
 *    /proc/self/exe, which names the same file;
 *  - a file created in a directory of our own under /tmp: contents,
 *    offsets, O_APPEND (also for pwrite, a Linux quirk), O_TRUNC, holes,
 *    a file that lives on while open after unlink;
 *  - symlinks: lstat, readlink, O_NOFOLLOW, O_PATH, and O_CREAT through a
 *    dangling link, which creates the target;
 *  - the errors: ENOENT, ENOTDIR, EISDIR, EEXIST, EINVAL, EBADF, ELOOP,
 *    ENAMETOOLONG, and EFAULT for NULL, kernel-half, non-canonical and
 *    unmapped pointers.
 *
 * Only what is the same on Linux's tmpfs, Linux's ext4 (the host's /tmp)
 * and Trident's ramfs is compared: no inode numbers, times, st_blocks or
 * directory sizes in the results.
 */
#define _GNU_SOURCE		/* glibc: O_PATH, AT_EMPTY_PATH */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#include "ktap.h"
#include "errname.h"
#include "raw_syscall.h"
#include "expect.h"

#define PLAN		87
#define STATX_BASIC	0x7ffU

/* include/uapi/linux/stat.h, under our own name (glibc has its own). */
struct kstatx {
	uint32_t stx_mask, stx_blksize;
	uint64_t stx_attributes;
	uint32_t stx_nlink, stx_uid, stx_gid;
	uint16_t stx_mode, __spare0;
	uint64_t stx_ino, stx_size, stx_blocks, stx_attributes_mask;
	uint64_t times[8];
	uint32_t stx_rdev_major, stx_rdev_minor, stx_dev_major, stx_dev_minor;
	uint64_t rest[14];
};

static char dir[64], path[128], link1[128];
/* NULL, hidden from the compiler's nonnull checks of libc prototypes. */
static void *volatile nullp;

/* The stat calls that write the kernel's structure straight into the
 * buffer (a libc may convert it in between, which would fault itself). */
#if defined(__x86_64__)
#define SYS_FSTATAT	SYS_newfstatat
#define SYS_FSTAT	SYS_fstat
#else
#define SYS_FSTATAT	SYS_fstatat64
#define SYS_FSTAT	SYS_fstat64
#endif

static void test_own_binary(const char *argv0)
{
	char buf[8], exe[4096];
	struct stat st, st2;
	long fd, n, ret;

	fd = sys(open(argv0, O_RDONLY));
	expect_ok(fd, "open(argv[0], O_RDONLY)");
	n = sys(read(fd, buf, 4));
	ktap_test_result(n == 4 && memcmp(buf, "\177ELF", 4) == 0,
			 "read 4 bytes of argv[0] -> the ELF magic");
	ret = sys(fstat(fd, &st));
	ktap_test_result(ret == 0 && S_ISREG(st.st_mode) && st.st_size > 64,
			 "fstat(argv[0]): a regular file of more than 64 bytes");
	ktap_test_result(sys(lseek(fd, 0, SEEK_END)) == st.st_size,
			 "lseek(0, SEEK_END) -> st_size");
	n = sys(read(fd, buf, 4));
	ktap_test_result(n == 0, "read at the end of the file -> 0");
	n = sys(lseek(fd, 1, SEEK_SET)) == 1 ? sys(read(fd, buf, 3)) : -1;
	ktap_test_result(n == 3 && memcmp(buf, "ELF", 3) == 0,
			 "lseek(1, SEEK_SET) then read 3 -> \"ELF\"");
	ktap_test_result(sys(lseek(fd, 0, SEEK_CUR)) == 4, "lseek(0, SEEK_CUR) -> 4 after that");
	memset(buf, 0, sizeof(buf));
	n = xpread(fd, buf, 4, 0);
	ktap_test_result(n == 4 && memcmp(buf, "\177ELF", 4) == 0 &&
			 sys(lseek(fd, 0, SEEK_CUR)) == 4,
			 "pread(4 bytes at 0) -> the magic, the offset stays at 4");
	expect_err(sys(lseek(fd, -1, SEEK_SET)), EINVAL, "lseek(-1, SEEK_SET)");
	expect_err(sys(lseek(fd, -st.st_size - 1, SEEK_END)), EINVAL,
		   "lseek(-(size + 1), SEEK_END)");
	expect_err(sys(lseek(fd, 0, 5)), EINVAL, "lseek(whence 5)");
	expect_err(xpread(fd, buf, 1, -1), EINVAL, "pread(offset -1)");
	expect_err(xpread(-1, buf, 1, -1), EINVAL,
		   "pread(-1, offset -1) (the offset is checked first)");
	expect_err(sys(write(fd, "x", 1)), EBADF, "write to an O_RDONLY descriptor");
	expect_err(sys(syscall(SYS_read, fd, NULL, 1)), EFAULT, "read(file, NULL, 1)");
	ktap_test_result(sys(close(fd)) == 0, "close(fd) -> 0");
	expect_err(sys(close(fd)), EBADF, "close(fd) a second time");
	expect_err(sys(lseek(fd, 0, SEEK_SET)), EBADF, "lseek(a closed fd)");

	/* /proc/self/exe: a link to this very file. */
	memset(exe, 0, sizeof(exe));
	n = sys(readlink("/proc/self/exe", exe, sizeof(exe) - 1));
	ktap_test_result(n > 1 && exe[0] == '/' && (size_t)n == strlen(exe),
			 "readlink(/proc/self/exe) -> an absolute path");
	ret = sys(stat(exe, &st2));
	ktap_test_result(ret == 0 && st2.st_ino == st.st_ino && st2.st_dev == st.st_dev,
			 "stat(that path) is the file of argv[0]");
	ret = sys(stat("/proc/self/exe", &st2));
	ktap_test_result(ret == 0 && st2.st_ino == st.st_ino && st2.st_dev == st.st_dev,
			 "stat(/proc/self/exe) is the file of argv[0]");
	n = sys(readlink("/proc/self/exe", exe, 1));
	ktap_test_result(n == 1 && exe[0] == '/', "readlink(/proc/self/exe, bufsiz 1) -> 1 byte");
}

static void test_new_file(void)
{
	char buf[32];
	struct stat st;
	struct kstatx sx;
	long fd, fd2, n, ret;

	fd = sys(open(path, O_CREAT | O_EXCL | O_RDWR, 0640));
	expect_ok(fd, "open(new file, O_CREAT | O_EXCL | O_RDWR, 0640)");
	expect_err(sys(open(path, O_CREAT | O_EXCL | O_RDWR, 0640)), EEXIST,
		   "open(that file, O_CREAT | O_EXCL) again");
	ktap_test_result(sys(write(fd, "0123456789", 10)) == 10, "write 10 bytes -> 10");
	ret = sys(fstat(fd, &st));
	ktap_test_result(ret == 0 && S_ISREG(st.st_mode) && st.st_size == 10 &&
			 (st.st_mode & 07777) == 0640 && st.st_nlink == 1,
			 "fstat: regular, size 10, mode 0640, one link");
	memset(buf, 0, sizeof(buf));
	n = sys(lseek(fd, 0, SEEK_SET)) == 0 ? sys(read(fd, buf, sizeof(buf))) : -1;
	ktap_test_result(n == 10 && memcmp(buf, "0123456789", 10) == 0,
			 "read from 0 -> the 10 bytes written");
	ktap_test_result(xpwrite(fd, "AB", 2, 20) == 2 &&
			 sys(lseek(fd, 0, SEEK_CUR)) == 10,
			 "pwrite(2 bytes at 20) -> 2, the offset stays at 10");
	memset(buf, 'x', sizeof(buf));
	n = xpread(fd, buf, sizeof(buf), 8);
	ktap_test_result(n == 14 && memcmp(buf, "89\0\0\0\0\0\0\0\0\0\0AB", 14) == 0,
			 "pread(from 8) -> \"89\", ten zeros (the hole), \"AB\"");
	ktap_test_result(sys(lseek(fd, 0, SEEK_END)) == 22, "size is 22 (lseek SEEK_END)");

	fd2 = sys(open(path, O_WRONLY | O_APPEND));
	n = sys(write(fd2, "Z", 1));
	ktap_test_result(n == 1 && sys(lseek(fd2, 0, SEEK_CUR)) == 23,
			 "O_APPEND write -> at the end, the offset is the new size");
	n = xpwrite(fd2, "Y", 1, 0);
	ret = xpread(fd, buf, 2, 22);
	ktap_test_result(n == 1 && ret == 2 && memcmp(buf, "ZY", 2) == 0,
			 "pwrite(at 0) on an O_APPEND file appends (Linux's quirk)");
	expect_err(sys(read(fd2, buf, 1)), EBADF, "read from an O_WRONLY descriptor");
	expect_err(xpread(fd2, buf, 1, 0), EBADF,
		   "pread from an O_WRONLY descriptor");
	close(fd2);

	ret = sys(syscall(SYS_ftruncate, fd, (long)5));
	ktap_test_result(ret == 0 && sys(lseek(fd, 0, SEEK_END)) == 5, "ftruncate(5) -> size 5");
	expect_err(sys(syscall(SYS_ftruncate, fd, (long long)-1)), EINVAL, "ftruncate(-1)");
	fd2 = sys(open(path, O_RDONLY));
	expect_err(sys(syscall(SYS_ftruncate, fd2, (long)0)), EINVAL, "ftruncate of an O_RDONLY descriptor");
	close(fd2);
	fd2 = sys(open(path, O_RDWR | O_TRUNC));
	ret = sys(fstat(fd2, &st));
	ktap_test_result(fd2 >= 0 && ret == 0 && st.st_size == 0, "open(O_TRUNC) -> size 0");
	close(fd2);
	lseek(fd, 0, SEEK_SET);
	write(fd, "abc", 3);

	memset(&sx, 0, sizeof(sx));
	ret = sys(syscall(SYS_statx, AT_FDCWD, path, 0, STATX_BASIC, &sx));
	ret = ret == 0 ? sys(fstat(fd, &st)) : ret;
	ktap_test_result(ret == 0 && (sx.stx_mask & STATX_BASIC) == STATX_BASIC &&
			 sx.stx_size == (uint64_t)st.st_size && sx.stx_mode == st.st_mode &&
			 sx.stx_ino == st.st_ino && sx.stx_nlink == st.st_nlink,
			 "statx(STATX_BASIC_STATS) agrees with fstat");
	expect_err(sys(syscall(SYS_statx, AT_FDCWD, path, 0, 0x80000000u, &sx)), EINVAL,
		   "statx(mask STATX__RESERVED)");
	expect_err(sys(syscall(SYS_statx, AT_FDCWD, path, 0x6000, 0, &sx)), EINVAL,
		   "statx(AT_STATX_FORCE_SYNC | AT_STATX_DONT_SYNC)");
	ret = sys(fstatat(fd, "", &st, AT_EMPTY_PATH));
	ktap_test_result(ret == 0 && st.st_size == 3, "fstatat(fd, \"\", AT_EMPTY_PATH) is fstat");
	ret = sys(fstatat(fd, nullp, &st, AT_EMPTY_PATH));
	ktap_test_result(ret == 0 && st.st_size == 3,
			 "newfstatat(fd, NULL, AT_EMPTY_PATH) is fstat (Linux 6.11+)");
	expect_err(sys(fstatat(AT_FDCWD, path, &st, 0x8000)), EINVAL, "fstatat(flags 0x8000)");
	expect_err(sys(fstatat(-1, "x", &st, 0)), EBADF, "fstatat(-1, relative path)");
	ret = sys(fstatat(-1, path, &st, 0));
	ktap_test_result(ret == 0, "fstatat(-1, absolute path) ignores the fd");
	expect_err(sys(fstatat(fd, "x", &st, 0)), ENOTDIR, "fstatat(file fd, relative path)");

	/* Unlinked while open: the name goes, the file stays. */
	ktap_test_result(sys(unlink(path)) == 0, "unlink(file) -> 0");
	expect_err(sys(stat(path, &st)), ENOENT, "stat(unlinked name)");
	memset(buf, 0, sizeof(buf));
	n = xpread(fd, buf, 3, 0);
	ret = sys(fstat(fd, &st));
	ktap_test_result(n == 3 && memcmp(buf, "abc", 3) == 0 && ret == 0 && st.st_nlink == 0,
			 "the open file still reads, with st_nlink 0");
	close(fd);
}

static void test_symlinks(void)
{
	char target[128], buf[128];
	struct stat st;
	long fd, n;

	close(sys(open(path, O_CREAT | O_WRONLY, 0644)));
	ktap_test_result(sys(syscall(SYS_symlink, path, link1)) == 0, "symlink(file, link) -> 0");
	n = sys(lstat(link1, &st));
	ktap_test_result(n == 0 && S_ISLNK(st.st_mode) && st.st_size == (long)strlen(path),
			 "lstat(link): S_IFLNK, size = length of the target");
	n = sys(stat(link1, &st));
	ktap_test_result(n == 0 && S_ISREG(st.st_mode), "stat(link) follows it: S_IFREG");
	memset(buf, 0, sizeof(buf));
	n = sys(readlink(link1, buf, sizeof(buf)));
	ktap_test_result(n == (long)strlen(path) && strcmp(buf, path) == 0,
			 "readlink(link) -> the target, no NUL");
	expect_err(sys(readlink(path, buf, sizeof(buf))), EINVAL, "readlink(a regular file)");
	expect_err(sys(readlink(link1, buf, 0)), EINVAL, "readlink(bufsiz 0)");
	expect_err(sys(readlink("/nonexistent", buf, 0)), EINVAL,
		   "readlink(/nonexistent, bufsiz 0) (the size comes first)");
	expect_err(sys(syscall(SYS_readlink, link1, NULL, 10)), EFAULT, "readlink(buf NULL)");
	expect_err(sys(open(link1, O_RDONLY | O_NOFOLLOW)), ELOOP, "open(link, O_NOFOLLOW)");
	expect_err(sys(open(link1, O_CREAT | O_EXCL | O_WRONLY, 0644)), EEXIST,
		   "open(link, O_CREAT | O_EXCL)");
	fd = sys(open(link1, O_PATH | O_NOFOLLOW));
	memset(buf, 0, sizeof(buf));
	n = sys(syscall(SYS_readlinkat, fd, "", buf, sizeof(buf)));
	ktap_test_result(fd >= 0 && n == (long)strlen(path) && strcmp(buf, path) == 0,
			 "readlinkat(O_PATH | O_NOFOLLOW fd of the link, \"\") -> the target");
	close(fd);

	/* O_CREAT through a dangling link creates what it points at. */
	snprintf(target, sizeof(target), "%s/target", dir);
	snprintf(buf, sizeof(buf), "%s/dangling", dir);
	syscall(SYS_symlink, "target", buf);
	fd = sys(open(buf, O_CREAT | O_WRONLY, 0644));
	ktap_test_result(fd >= 0 && sys(stat(target, &st)) == 0 && S_ISREG(st.st_mode),
			 "open(dangling link, O_CREAT) creates its target");
	close(fd);
	unlink(buf);
	unlink(target);
	unlink(link1);
}

static void test_errors(void)
{
	char name[300], *longpath;
	struct stat st;
	long fd;

	expect_err(sys(open("/nonexistent/x", O_RDONLY)), ENOENT, "open(/nonexistent/x)");
	expect_err(sys(open("", O_RDONLY)), ENOENT, "open(\"\")");
	expect_err(sys(syscall(SYS_open, NULL, O_RDONLY)), EFAULT, "open(NULL)");
	static const char *const bad_what[] = {
		"open(path in the kernel half)",
		"open(non-canonical path)",
		"open(path in an unmapped page)",
		"stat(\"/\", buffer in the kernel half)",
	};
#if defined(__x86_64__)
	expect_err(raw_syscall3(SYS_open, 0xffff800000000000ULL, O_RDONLY, 0), EFAULT,
		   bad_what[0]);
	expect_err(raw_syscall3(SYS_open, 0x8000000000000000ULL, O_RDONLY, 0), EFAULT,
		   bad_what[1]);
	expect_err(raw_syscall3(SYS_open, 0x1000, O_RDONLY, 0), EFAULT, bad_what[2]);
	expect_err(raw_syscall6(SYS_newfstatat, (uint64_t)AT_FDCWD, RAW_PTR("/"),
				0xffff800000000000ULL, 0, 0, 0), EFAULT, bad_what[3]);
#else
	for (int i = 0; i < 4; i++)
		ktap_test_skip("not a 64-bit build", "%s -> EFAULT", bad_what[i]);
#endif
	expect_err(sys(stat(nullp, &st)), EFAULT, "stat(NULL)");
	expect_err(sys(syscall(SYS_FSTATAT, AT_FDCWD, "/", nullp, 0)), EFAULT, "stat(\"/\", NULL)");
	expect_err(sys(syscall(SYS_FSTATAT, AT_FDCWD, "/nonexistent", nullp, 0)), ENOENT,
		   "stat(/nonexistent, NULL) (the lookup comes first)");
	expect_err(sys(fstat(-1, &st)), EBADF, "fstat(-1)");

	fd = sys(open(path, O_CREAT | O_WRONLY, 0644));
	snprintf(name, sizeof(name), "%s/x", path);
	expect_err(sys(open(name, O_RDONLY)), ENOTDIR, "open(file/x)");
	snprintf(name, sizeof(name), "%s/", path);
	expect_err(sys(open(name, O_RDONLY)), ENOTDIR, "open(\"file/\")");
	expect_err(sys(open(path, O_RDONLY | O_DIRECTORY)), ENOTDIR, "open(file, O_DIRECTORY)");
	expect_err(sys(syscall(SYS_FSTAT, fd, nullp)), EFAULT, "fstat(fd, NULL)");
	close(fd);
	unlink(path);
	expect_err(sys(open(dir, O_WRONLY)), EISDIR, "open(directory, O_WRONLY)");
	expect_err(sys(open(dir, O_RDONLY | O_TRUNC)), EISDIR, "open(directory, O_TRUNC)");
	expect_err(sys(open(dir, O_CREAT | O_RDONLY, 0644)), EISDIR, "open(directory, O_CREAT)");
	snprintf(name, sizeof(name), "%s/new/", dir);
	expect_err(sys(open(name, O_CREAT | O_RDWR, 0644)), EISDIR, "open(\"new/\", O_CREAT)");
	expect_err(sys(open("/nonexistent/new/", O_CREAT | O_RDWR, 0644)), ENOENT,
		   "open(\"/nonexistent/new/\", O_CREAT) (the parent comes first)");
	expect_err(sys(open(path, O_CREAT | O_DIRECTORY | O_RDONLY, 0644)), EINVAL,
		   "open(O_CREAT | O_DIRECTORY)");

	memset(name, 'n', sizeof(name));
	name[0] = '/';
	name[257] = '\0';			/* one 256-byte component */
	expect_err(sys(open(name, O_RDONLY)), ENAMETOOLONG, "open(a 256-byte component)");
	name[256] = '\0';
	expect_err(sys(open(name, O_RDONLY)), ENOENT, "open(a 255-byte component)");
	longpath = malloc(4097);
	if (!longpath)
		return;
	for (int i = 0; i < 4096; i += 2)
		memcpy(longpath + i, "./", 2);
	longpath[4095] = '\0';			/* 4095 bytes and the NUL: PATH_MAX */
	fd = sys(open(longpath, O_RDONLY | O_DIRECTORY));
	expect_ok(fd, "open(\"./././...\", a path of 4095 bytes)");
	close(fd);
	longpath[4095] = '.';
	longpath[4096] = '\0';
	expect_err(sys(open(longpath, O_RDONLY)), ENAMETOOLONG, "open(a path of 4096 bytes)");
	free(longpath);
}

int main(int argc, char **argv)
{
	(void)argc;
	ktap_print_header();
	ktap_set_plan(PLAN);
	syscall(SYS_umask, 022);
	snprintf(dir, sizeof(dir), "/tmp/fs_files.%d", (int)getpid());
	snprintf(path, sizeof(path), "%s/file", dir);
	snprintf(link1, sizeof(link1), "%s/link", dir);
	if (mkdir(dir, 0755) != 0)
		ktap_print_msg("mkdir %s: %s", dir, errno_name(errno));

	test_own_binary(argv[0]);
	test_new_file();
	test_symlinks();
	test_errors();

	rmdir(dir);
	ktap_finished();
	return 0;
}
