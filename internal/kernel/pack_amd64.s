//go:build amd64 && !purego

// This file is the AVX2 loop of packCols; see pack.go.

#include "textflag.h"

// func transpose4(dst, src *float64, ld, cols, width int, s float64)
//
// Each step loads a 4×4 block of src, four rows of four columns, times s,
// transposes it in registers and stores its columns as four rows of dst.
TEXT ·transpose4(SB), NOSPLIT, $0-48
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ ld+16(FP), R8
	SHLQ $3, R8
	MOVQ cols+24(FP), CX
	SHRQ $2, CX
	MOVQ width+32(FP), R9
	SHLQ $3, R9
	VBROADCASTSD s+40(FP), Y15
	LEAQ (SI)(R8*2), R10
	LEAQ (R9)(R9*2), R11
	TESTQ CX, CX
	JEQ done

loop:
	VMULPD (SI), Y15, Y0
	VMULPD (SI)(R8*1), Y15, Y1
	VMULPD (R10), Y15, Y2
	VMULPD (R10)(R8*1), Y15, Y3
	VUNPCKLPD Y1, Y0, Y4
	VUNPCKHPD Y1, Y0, Y5
	VUNPCKLPD Y3, Y2, Y6
	VUNPCKHPD Y3, Y2, Y7
	VPERM2F128 $0x20, Y6, Y4, Y0
	VPERM2F128 $0x20, Y7, Y5, Y1
	VPERM2F128 $0x31, Y6, Y4, Y2
	VPERM2F128 $0x31, Y7, Y5, Y3
	VMOVUPD Y0, (DI)
	VMOVUPD Y1, (DI)(R9*1)
	VMOVUPD Y2, (DI)(R9*2)
	VMOVUPD Y3, (DI)(R11*1)
	ADDQ $32, SI
	ADDQ $32, R10
	LEAQ (DI)(R9*4), DI
	DECQ CX
	JNZ loop

done:
	VZEROUPPER
	RET
