/* SPDX-License-Identifier: MIT */
/* Process groups and sessions (kernel/pgrp.c). */
#ifndef _TRIDENT_PGRP_H
#define _TRIDENT_PGRP_H

#include <trident/types.h>

struct task;
void pgrp_fork(struct task *parent, struct task *child);	/* copies both ids */
bool pgrp_in_session(int pgid, int sid);			/* group exists there */
void pgrp_signal(int pgid, int sig);				/* every member */

#endif
