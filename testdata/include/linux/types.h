/* Minimal stand-ins for the kernel headers the testdata drivers use. */
#ifndef _TD_LINUX_TYPES_H
#define _TD_LINUX_TYPES_H
#include <linux/compiler_types.h>
#define NULL ((void *)0)
typedef _Bool bool;
/* as include/linux/stddef.h has them: enumerators, not macros */
enum {
	false	= 0,
	true	= 1
};
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;
typedef unsigned long size_t;
#define __force
#define EINVAL 22
#define ENODEV 19
#define EBUSY 16
#define ENOMEM 12
#define __PASTE(a, b) a##b
#define ___PASTE(a, b) __PASTE(a, b)
#define __UNIQUE_ID(prefix) ___PASTE(___PASTE(__UNIQUE_ID_, prefix), __COUNTER__)
#define container_of(ptr, type, member) ({				\
	void *__mptr = (void *)(ptr);					\
	((type *)(__mptr - __builtin_offsetof(type, member))); })
#define IS_ERR(p) ((unsigned long)(p) >= (unsigned long)-4095)
void *kzalloc(size_t size, int flags);
void kfree(const void *p);
#define GFP_KERNEL 0
#endif
