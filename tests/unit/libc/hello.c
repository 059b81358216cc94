/* SPDX-License-Identifier: MIT */
/* The smallest program: what does "hello" cost in system calls? With our
 * libc, one write(2) and one exit_group(2). */
#include <stdio.h>

int main(void)
{
	printf("hello, %s\n", "world");
	return 0;
}
