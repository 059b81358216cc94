# GDB commands for debugging Trident in QEMU (docs/debugging.md).
#
#   make debug        # QEMU waits for GDB on localhost:1234 (-s -S)
#   make gdb          # gdb -x scripts/gdb/trident.gdb build/kernel.elf
#
# or by hand:
#   gdb -x scripts/gdb/trident.gdb build/kernel.elf
#   (gdb) trident-connect            # localhost:1234, or trident-connect HOST:PORT
#   (gdb) hbreak entry_SYSCALL_64
#   (gdb) continue
#
# The long-mode register-size switch. The CPU starts in real mode and GRUB
# enters our 32-bit multiboot code before the kernel switches to long mode;
# a GDB that guessed "i386" from the target while the CPU was 32-bit then
# fails after the switch with "Remote 'g' packet reply is too long"
# (qemu-system-x86_64's stub always sends the 64-bit register set). So the
# architecture is fixed to i386:x86-64 BEFORE connecting: GDB then reads
# the 64-bit layout from the first packet on, whatever mode the CPU is in.
#
# Breakpoints: use hbreak (debug registers) for kernel addresses. When GDB
# connects, QEMU is stopped at the reset vector with paging off, so a
# software breakpoint at 0xffffffff8... cannot be written ("Cannot access
# memory"); a hardware breakpoint compares linear addresses and fires once
# the kernel runs there. x86 has four debug registers: at most four hbreaks.

set confirm off
set pagination off
set architecture i386:x86-64
set disassembly-flavor intel

define trident-connect
	set architecture i386:x86-64
	if $argc == 0
		target remote localhost:1234
	else
		target remote $arg0
	end
end
document trident-connect
Connect to QEMU's gdbstub (make debug): trident-connect [HOST:PORT], default localhost:1234.
The architecture is set to i386:x86-64 first (the long-mode register-size switch).
end

# A user program's symbols. Our programs are static, non-PIE ELF files
# (build/bin/NAME, build/tests/NAME_64 ...): their addresses are the ones
# in the file, so add-symbol-file needs no offset. ia32 and x32 programs
# work too: GDB keeps decoding with the 64-bit register set (the CPU runs
# them in compat mode or with 32-bit pointers), which is enough for
# symbols, line numbers and breakpoints. Stop in user code with a
# hardware breakpoint once the program runs (its pages exist only then).
define trident-user
	if $argc != 1
		echo usage: trident-user FILE  (e.g. build/bin/echo_32)\n
	else
		add-symbol-file $arg0
	end
end
document trident-user
Load a user program's symbols: trident-user build/bin/echo (or build/tests/int80_32 ...).
Then e.g. `hbreak main` and continue; the break fires in whichever task runs that address.
end

# Where a stop happened, in the terms of docs/tour.md.
define trident-where
	printf "rip %#lx  cs %#x  rsp %#lx  rax %#lx\n", $rip, $cs, $rsp, $rax
	info symbol $rip
end
document trident-where
Show RIP, CS (0x10 kernel, 0x33 64-bit user, 0x23 32-bit user), RSP, RAX and the symbol at RIP.
end
