/* SPDX-License-Identifier: MIT */
/*
 * ls [-l] [PATH...]: the names in each directory (without those starting
 * with a dot), sorted by byte value as LC_ALL=C ls does, one per line;
 * with -l also the type and permissions, the link count and the size.
 * A PATH that is not a directory is listed as itself. Directories are
 * read with getdents64(2) (our libc has no <dirent.h>).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

struct linux_dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

static int long_format;

static void show(const char *dir, const char *name)
{
	char path[512], mode[11] = "?---------";
	struct stat st;

	if (!long_format) {
		puts(name);
		return;
	}
	snprintf(path, sizeof(path), "%s/%s", dir ? dir : ".", name);
	if (lstat(dir ? path : name, &st) < 0) {
		printf("?????????? %s\n", name);
		return;
	}
	mode[0] = S_ISDIR(st.st_mode) ? 'd' : S_ISCHR(st.st_mode) ? 'c' :
		  S_ISLNK(st.st_mode) ? 'l' : S_ISFIFO(st.st_mode) ? 'p' : '-';
	for (int i = 0; i < 9; i++)
		if (st.st_mode & (0400 >> i))
			mode[1 + i] = "rwx"[i % 3];
	printf("%s %2lu %8lld %s\n", mode, (unsigned long)st.st_nlink,
	       (long long)st.st_size, name);
}

/* Insertion sort: directories here hold a few hundred names at most. */
static void sort(char **v, int n)
{
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && strcmp(v[j - 1], v[j]) > 0; j--) {
			char *t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
}

static int list(const char *path)
{
	char buf[4096], **names = NULL;
	int fd, n = 0;
	long len;
	struct stat st;

	if (stat(path, &st) < 0) {
		fprintf(stderr, "ls: cannot access '%s': %s\n", path, strerror(errno));
		return 2;
	}
	if (!S_ISDIR(st.st_mode)) {
		show(NULL, path);
		return 0;
	}
	if ((fd = open(path, O_RDONLY | O_DIRECTORY)) < 0) {
		fprintf(stderr, "ls: cannot open directory '%s': %s\n", path, strerror(errno));
		return 2;
	}
	while ((len = syscall(SYS_getdents64, fd, buf, sizeof(buf))) > 0)
		for (long off = 0; off < len; ) {
			struct linux_dirent64 *d = (void *)(buf + off);
			off += d->d_reclen;
			if (d->d_name[0] == '.')
				continue;
			names = realloc(names, (n + 1) * sizeof(*names));
			names[n] = malloc(strlen(d->d_name) + 1);
			strcpy(names[n++], d->d_name);
		}
	close(fd);
	sort(names, n);
	for (int i = 0; i < n; i++) {
		show(path, names[i]);
		free(names[i]);
	}
	free(names);
	return len < 0 ? 2 : 0;
}

int main(int argc, char **argv)
{
	int i = 1, status = 0, paths;

	if (argc > 1 && !strcmp(argv[1], "-l")) {
		long_format = 1;
		i++;
	}
	paths = argc - i;
	if (!paths)
		return list(".");
	for (; i < argc; i++) {
		if (paths > 1)
			printf("%s%s:\n", i > argc - paths ? "\n" : "", argv[i]);
		status |= list(argv[i]);
	}
	return status;
}
