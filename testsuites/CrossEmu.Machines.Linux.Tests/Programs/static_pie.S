@ A static-pie program without libc: position-independent, so it runs wherever the loader puts it.
	.text
	.global _start
_start:
	adr	r1, msg
	mov	r0, #1
	mov	r2, #(end - msg)
	mov	r7, #4		@ write(1, msg, len)
	svc	#0
	mov	r0, #42
	mov	r7, #248	@ exit_group(42)
	svc	#0
msg:	.ascii "pie ok\n"
end:
