/* SPDX-License-Identifier: MIT */
/*
 * fs_dirs: directories. What do mkdir, rmdir, unlink, rename, getdents64,
 * chdir, fchdir, getcwd, the *at() calls with a directory descriptor,
 * access and umask do, and with which errors?
 *
 * Everything happens in a directory of our own under /tmp. Only what
 * Linux's tmpfs and ext4 (the host's /tmp) and Trident's ramfs share is
 * compared: getdents64 is asked which names it lists, not in which
 * order, and no sizes or inode numbers of directories are looked at.
 * A directory is not renamed successfully here: Trident cannot yet
 * (EXDEV, see docs).
 */
#define _GNU_SOURCE		/* glibc: O_PATH, AT_REMOVEDIR */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#include "ktap.h"
#include "errname.h"
#include "raw_syscall.h"
#include "expect.h"

#define PLAN		88
#ifndef RENAME_NOREPLACE
#define RENAME_NOREPLACE 1
#endif
#define DT_DIR		4
#define DT_REG		8
#define DT_LNK		10

struct dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

static char dir[64], sub[128], file[128], lnk[128];

static void expect_zero(long ret, const char *what)
{
	if (ret != 0)
		ktap_print_msg("got %s", raw_result_name(ret));
	ktap_test_result(ret == 0, "%s -> 0", what);
}

struct listing {
	int entries, dot, dotdot, sub, file, lnk, bad_reclen;
};

/* Reads the whole directory with getdents64 into l; the last result. */
static long list(int fd, struct listing *l, size_t bufsize)
{
	char buf[4096];
	long n;

	memset(l, 0, sizeof(*l));
	while ((n = sys(syscall(SYS_getdents64, fd, buf, bufsize))) > 0) {
		for (long i = 0; i < n; ) {
			struct dirent64 *d = (void *)(buf + i);

			l->entries++;
			if (d->d_reclen % 8 || d->d_reclen < 20 + strlen(d->d_name))
				l->bad_reclen++;
			if (!strcmp(d->d_name, "."))
				l->dot += d->d_type == DT_DIR;
			else if (!strcmp(d->d_name, ".."))
				l->dotdot += d->d_type == DT_DIR;
			else if (!strcmp(d->d_name, "sub"))
				l->sub += d->d_type == DT_DIR;
			else if (!strcmp(d->d_name, "file"))
				l->file += d->d_type == DT_REG;
			else if (!strcmp(d->d_name, "lnk"))
				l->lnk += d->d_type == DT_LNK;
			i += d->d_reclen;
		}
	}
	return n;
}

static void test_mkdir_getdents(const char *argv0)
{
	struct listing l;
	struct stat st;
	char buf[256];
	long fd, ffd, n;

	expect_zero(sys(mkdir(dir, 0755)), "mkdir(new directory)");
	expect_err(sys(mkdir(dir, 0755)), EEXIST, "mkdir(it again)");
	n = sys(stat(dir, &st));
	ktap_test_result(n == 0 && S_ISDIR(st.st_mode) && st.st_nlink == 2 &&
			 (st.st_mode & 07777) == 0755, "stat: a directory, mode 0755, 2 links");
	expect_zero(sys(mkdir(sub, 0700)), "mkdir(dir/sub)");
	n = sys(stat(dir, &st));
	ktap_test_result(n == 0 && st.st_nlink == 3, "a subdirectory adds a link (its \"..\")");
	close(sys(open(file, O_CREAT | O_WRONLY, 0644)));
	syscall(SYS_symlink, "file", lnk);
	expect_err(sys(mkdir("/nonexistent/x", 0755)), ENOENT, "mkdir(/nonexistent/x)");
	snprintf(buf, sizeof(buf), "%s/x", file);
	expect_err(sys(mkdir(buf, 0755)), ENOTDIR, "mkdir(file/x)");
	expect_err(sys(syscall(SYS_mkdir, NULL, 0755)), EFAULT, "mkdir(NULL)");
	expect_err(sys(mkdir("/", 0755)), EEXIST, "mkdir(\"/\")");

	fd = sys(open(dir, O_RDONLY | O_DIRECTORY));
	n = list(fd, &l, 4096);
	ktap_test_result(n == 0 && l.entries == 5, "getdents64 lists 5 entries, then 0");
	ktap_test_result(l.dot == 1 && l.dotdot == 1, "\".\" and \"..\" are there, DT_DIR");
	ktap_test_result(l.sub == 1 && l.file == 1 && l.lnk == 1,
			 "sub (DT_DIR), file (DT_REG), lnk (DT_LNK) are there");
	ktap_test_result(l.bad_reclen == 0, "every d_reclen is a multiple of 8 that holds the name");
	ktap_test_result(sys(lseek(fd, 0, SEEK_SET)) == 0 && list(fd, &l, 4096) == 0 &&
			 l.entries == 5, "lseek(0) rewinds: 5 entries again");
	n = sys(lseek(fd, 0, SEEK_SET)) == 0 ? list(fd, &l, 32) : -1;
	ktap_test_result(n == 0 && l.entries == 5, "a 32-byte buffer: one entry per call, 5 in all");
	lseek(fd, 0, SEEK_SET);
	expect_err(sys(syscall(SYS_getdents64, fd, buf, 1)), EINVAL, "getdents64(count 1)");
	expect_err(sys(syscall(SYS_getdents64, fd, buf, 0)), EINVAL, "getdents64(count 0)");
	expect_err(sys(syscall(SYS_getdents64, fd, NULL, 4096)), EFAULT, "getdents64(NULL)");
#if defined(__x86_64__)
	expect_err(raw_syscall3(SYS_getdents64, fd, 0xffff800000000000ULL, 4096), EFAULT,
		   "getdents64(buffer in the kernel half)");
#else
	ktap_test_skip("not a 64-bit build", "getdents64(buffer in the kernel half)");
#endif
	expect_err(sys(syscall(SYS_getdents64, -1, buf, sizeof(buf))), EBADF, "getdents64(-1)");
	ffd = sys(open(file, O_RDONLY));
	expect_err(sys(syscall(SYS_getdents64, ffd, buf, sizeof(buf))), ENOTDIR,
		   "getdents64(a regular file)");
	close(ffd);
	expect_err(sys(read(fd, buf, sizeof(buf))), EISDIR, "read(a directory)");
	expect_err(sys(write(fd, buf, 1)), EBADF, "write(a directory opened O_RDONLY)");
	close(fd);
	ffd = sys(open(dir, O_PATH));
	expect_err(sys(syscall(SYS_getdents64, ffd, buf, sizeof(buf))), EBADF,
		   "getdents64(an O_PATH descriptor)");
	close(ffd);

	/* The directory this program is in lists this program. */
	char here[256];
	const char *slash = strrchr(argv0, '/');
	snprintf(here, sizeof(here), "%.*s", slash ? (int)(slash - argv0) : 1,
		 slash ? argv0 : ".");
	if (!here[0])
		strcpy(here, "/");
	fd = sys(open(here, O_RDONLY | O_DIRECTORY));
	n = 0;
	if (fd >= 0) {
		char dbuf[4096];
		long got;

		while ((got = sys(syscall(SYS_getdents64, fd, dbuf, sizeof(dbuf)))) > 0)
			for (long i = 0; i < got; i += ((struct dirent64 *)(dbuf + i))->d_reclen)
				if (!strcmp(((struct dirent64 *)(dbuf + i))->d_name,
					    slash ? slash + 1 : argv0))
					n = ((struct dirent64 *)(dbuf + i))->d_type == DT_REG;
		close(fd);
	}
	ktap_test_result(n == 1, "getdents64 of argv[0]'s directory lists it as DT_REG");
}

static void test_remove(void)
{
	char buf[256];

	expect_err(sys(rmdir(dir)), ENOTEMPTY, "rmdir(a directory with entries)");
	snprintf(buf, sizeof(buf), "%s/.", dir);
	expect_err(sys(rmdir(buf)), EINVAL, "rmdir(\"dir/.\")");
	snprintf(buf, sizeof(buf), "%s/..", sub);
	expect_err(sys(rmdir(buf)), ENOTEMPTY, "rmdir(\"dir/sub/..\")");
	expect_err(sys(rmdir("/")), EBUSY, "rmdir(\"/\")");
	expect_err(sys(rmdir(file)), ENOTDIR, "rmdir(a file)");
	expect_err(sys(rmdir(lnk)), ENOTDIR, "rmdir(a symlink)");
	expect_err(sys(unlink(sub)), EISDIR, "unlink(a directory)");
	snprintf(buf, sizeof(buf), "%s/", file);
	expect_err(sys(unlink(buf)), ENOTDIR, "unlink(\"file/\")");
	expect_err(sys(unlink("/nonexistent")), ENOENT, "unlink(/nonexistent)");
	expect_err(sys(unlink("")), ENOENT, "unlink(\"\")");
	expect_err(sys(syscall(SYS_unlinkat, AT_FDCWD, sub, 0x100)), EINVAL,
		   "unlinkat(flags 0x100)");
	expect_err(sys(syscall(SYS_unlinkat, AT_FDCWD, file, AT_REMOVEDIR)), ENOTDIR,
		   "unlinkat(file, AT_REMOVEDIR)");
}

static void test_cwd(void)
{
	char buf[256], gone[256];
	struct stat st;
	long fd, ffd, n;

	expect_zero(sys(chdir(dir)), "chdir(dir)");
	memset(buf, 0, sizeof(buf));
	n = sys(syscall(SYS_getcwd, buf, sizeof(buf)));
	ktap_test_result(n == (long)strlen(dir) + 1 && !strcmp(buf, dir),
			 "getcwd -> the directory, length with the NUL");
	expect_err(sys(syscall(SYS_getcwd, buf, strlen(dir))), ERANGE,
		   "getcwd(size = length without the NUL)");
	expect_err(sys(syscall(SYS_getcwd, buf, 0)), ERANGE, "getcwd(size 0)");
	expect_err(sys(syscall(SYS_getcwd, NULL, sizeof(buf))), EFAULT, "getcwd(NULL, 256)");
	ktap_test_result(sys(stat("file", &st)) == 0 && S_ISREG(st.st_mode),
			 "a relative path starts at the working directory");
	expect_err(sys(chdir("file")), ENOTDIR, "chdir(a file)");
	expect_err(sys(chdir("/nonexistent")), ENOENT, "chdir(/nonexistent)");
	expect_err(sys(chdir("")), ENOENT, "chdir(\"\")");
	expect_zero(sys(chdir("sub/..")), "chdir(\"sub/..\")");

	fd = sys(open("/", O_RDONLY | O_DIRECTORY));
	n = sys(syscall(SYS_fchdir, fd));
	memset(buf, 0, sizeof(buf));
	syscall(SYS_getcwd, buf, sizeof(buf));
	ktap_test_result(n == 0 && !strcmp(buf, "/"), "fchdir(fd of \"/\") -> getcwd \"/\"");
	close(fd);
	expect_err(sys(syscall(SYS_fchdir, -1)), EBADF, "fchdir(-1)");
	ffd = sys(open(file, O_RDONLY));
	expect_err(sys(syscall(SYS_fchdir, ffd)), ENOTDIR, "fchdir(a file)");
	close(ffd);
	fd = sys(open(dir, O_PATH));
	n = sys(syscall(SYS_fchdir, fd));
	ktap_test_result(n == 0 && sys(stat("sub", &st)) == 0, "fchdir(an O_PATH directory fd)");

	/* The *at() calls, relative to a directory descriptor. */
	close(fd);
	fd = sys(open(dir, O_RDONLY | O_DIRECTORY));
	ffd = sys(openat(fd, "file", O_RDONLY));
	ktap_test_result(ffd >= 0, "openat(dir fd, \"file\")");
	expect_err(sys(openat(ffd, "x", O_RDONLY)), ENOTDIR, "openat(a file's fd, \"x\")");
	close(ffd);
	expect_err(sys(openat(-1, "file", O_RDONLY)), EBADF, "openat(-1, relative)");
	ffd = sys(openat(-1, dir, O_RDONLY));
	ktap_test_result(ffd >= 0, "openat(-1, absolute path) ignores the fd");
	close(ffd);
	expect_zero(sys(syscall(SYS_mkdirat, fd, "m", 0755)), "mkdirat(dir fd, \"m\")");
	snprintf(buf, sizeof(buf), "%s/m", dir);
	ktap_test_result(sys(stat(buf, &st)) == 0 && S_ISDIR(st.st_mode),
			 "it is dir/m");
	expect_zero(sys(syscall(SYS_unlinkat, fd, "m", AT_REMOVEDIR)),
		    "unlinkat(dir fd, \"m\", AT_REMOVEDIR)");
	close(fd);

	/* A working directory that is removed: it stays, but is empty for
	 * good and has no path. */
	snprintf(gone, sizeof(gone), "%s/gone", dir);
	mkdir(gone, 0755);
	chdir(gone);
	fd = sys(open(".", O_RDONLY | O_DIRECTORY));
	expect_zero(sys(rmdir(gone)), "rmdir(the working directory)");
	expect_err(sys(syscall(SYS_getcwd, buf, sizeof(buf))), ENOENT, "getcwd in it");
	expect_err(sys(open("x", O_CREAT | O_WRONLY, 0644)), ENOENT, "open(\"x\", O_CREAT) in it");
	expect_err(sys(mkdir("y", 0755)), ENOENT, "mkdir(\"y\") in it");
	expect_err(sys(syscall(SYS_getdents64, fd, buf, sizeof(buf))), ENOENT,
		   "getdents64 of it");
	n = sys(fstat(fd, &st));
	ktap_test_result(n == 0 && S_ISDIR(st.st_mode) && st.st_nlink == 0,
			 "fstat of it: a directory with no links");
	close(fd);
	chdir("/");
}

static void test_rename_access(void)
{
	char to[256], inner[256];
	struct stat st;
	long fd;

	snprintf(to, sizeof(to), "%s/renamed", dir);
	expect_zero(sys(syscall(SYS_rename, file, to)), "rename(file, new name)");
	ktap_test_result(sys(stat(to, &st)) == 0 && sys(stat(file, &st)) == -ENOENT,
			 "the new name is there, the old one is not");
	expect_zero(sys(syscall(SYS_rename, to, to)), "rename(x, x)");
	expect_err(sys(syscall(SYS_rename, file, to)), ENOENT, "rename(missing, x)");
	expect_err(sys(syscall(SYS_rename, to, sub)), EISDIR, "rename(file, directory)");
	expect_err(sys(syscall(SYS_rename, sub, to)), ENOTDIR, "rename(directory, file)");
	snprintf(inner, sizeof(inner), "%s/x", sub);
	expect_err(sys(syscall(SYS_rename, dir, inner)), EINVAL, "rename(directory, into itself)");
	expect_err(sys(syscall(SYS_renameat2, AT_FDCWD, to, AT_FDCWD, lnk, RENAME_NOREPLACE)),
		   EEXIST, "renameat2(RENAME_NOREPLACE, onto a name that exists)");
	expect_err(sys(syscall(SYS_renameat2, AT_FDCWD, to, AT_FDCWD, lnk, 8)), EINVAL,
		   "renameat2(flags 8)");
	expect_zero(sys(syscall(SYS_rename, to, lnk)), "rename(file, onto an existing name)");
	ktap_test_result(sys(lstat(lnk, &st)) == 0 && S_ISREG(st.st_mode),
			 "the name now is the file (the old link went)");

	expect_zero(sys(access(lnk, F_OK)), "access(file, F_OK)");
	expect_zero(sys(access(lnk, R_OK | W_OK)), "access(file, R_OK | W_OK) as root");
	expect_err(sys(access(lnk, X_OK)), EACCES, "access(0644 file, X_OK) even as root");
	expect_zero(sys(access(sub, X_OK)), "access(directory, X_OK)");
	expect_err(sys(access(lnk, 8)), EINVAL, "access(mode 8)");
	expect_err(sys(access("/nonexistent", F_OK)), ENOENT, "access(/nonexistent)");
	expect_err(sys(syscall(SYS_faccessat2, AT_FDCWD, lnk, F_OK, 0x8000)), EINVAL,
		   "faccessat2(flags 0x8000)");

	/* umask: what new files and directories lose. */
	ktap_test_result(sys(syscall(SYS_umask, 077)) == 022, "umask(077) -> the old 022");
	fd = sys(open(file, O_CREAT | O_WRONLY, 0777));
	ktap_test_result(fd >= 0 && sys(fstat(fd, &st)) == 0 && (st.st_mode & 0777) == 0700,
			 "open(O_CREAT, 0777) under umask 077 -> 0700");
	ktap_test_result(sys(syscall(SYS_umask, 0777777)) == 077, "umask(0777777) -> 077");
	ktap_test_result(sys(syscall(SYS_umask, 022)) == 0777, "umask keeps only 0777");
	expect_zero(sys(access(file, X_OK)), "access(0700 file, X_OK)");
	close(fd);
	unlink(file);
	unlink(lnk);
	rmdir(sub);
	expect_zero(sys(rmdir(dir)), "rmdir(the emptied directory)");
}

int main(int argc, char **argv)
{
	(void)argc;
	ktap_print_header();
	ktap_set_plan(PLAN);
	syscall(SYS_umask, 022);
	snprintf(dir, sizeof(dir), "/tmp/fs_dirs.%d", (int)getpid());
	snprintf(sub, sizeof(sub), "%s/sub", dir);
	snprintf(file, sizeof(file), "%s/file", dir);
	snprintf(lnk, sizeof(lnk), "%s/lnk", dir);

	test_mkdir_getdents(argv[0]);
	test_remove();
	test_cwd();
	test_rename_access();
	ktap_finished();
	return 0;
}
