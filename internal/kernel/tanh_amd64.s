//go:build amd64 && !purego

// This file is the AVX2 loop of Tanh; see tanh.go.

#include "textflag.h"

DATA tanhc<>+0(SB)/8, $0x4034000000000000
DATA tanhc<>+8(SB)/8, $0x4034000000000000
DATA tanhc<>+16(SB)/8, $0x4034000000000000
DATA tanhc<>+24(SB)/8, $0x4034000000000000
DATA tanhc<>+32(SB)/8, $0x3ff71547652b82fe
DATA tanhc<>+40(SB)/8, $0x3ff71547652b82fe
DATA tanhc<>+48(SB)/8, $0x3ff71547652b82fe
DATA tanhc<>+56(SB)/8, $0x3ff71547652b82fe
DATA tanhc<>+64(SB)/8, $0x3fe62e42fee00000
DATA tanhc<>+72(SB)/8, $0x3fe62e42fee00000
DATA tanhc<>+80(SB)/8, $0x3fe62e42fee00000
DATA tanhc<>+88(SB)/8, $0x3fe62e42fee00000
DATA tanhc<>+96(SB)/8, $0x3dea39ef35793c76
DATA tanhc<>+104(SB)/8, $0x3dea39ef35793c76
DATA tanhc<>+112(SB)/8, $0x3dea39ef35793c76
DATA tanhc<>+120(SB)/8, $0x3dea39ef35793c76
DATA tanhc<>+128(SB)/8, $0x43380000000003ff
DATA tanhc<>+136(SB)/8, $0x43380000000003ff
DATA tanhc<>+144(SB)/8, $0x43380000000003ff
DATA tanhc<>+152(SB)/8, $0x43380000000003ff
DATA tanhc<>+160(SB)/8, $0x3ff0000000000000
DATA tanhc<>+168(SB)/8, $0x3ff0000000000000
DATA tanhc<>+176(SB)/8, $0x3ff0000000000000
DATA tanhc<>+184(SB)/8, $0x3ff0000000000000
DATA tanhc<>+192(SB)/8, $0x4000000000000000
DATA tanhc<>+200(SB)/8, $0x4000000000000000
DATA tanhc<>+208(SB)/8, $0x4000000000000000
DATA tanhc<>+216(SB)/8, $0x4000000000000000
GLOBL tanhc<>(SB), RODATA|NOPTR, $224
DATA tanhp<>+0(SB)/8, $0x3de6124613a86d09
DATA tanhp<>+8(SB)/8, $0x3de6124613a86d09
DATA tanhp<>+16(SB)/8, $0x3de6124613a86d09
DATA tanhp<>+24(SB)/8, $0x3de6124613a86d09
DATA tanhp<>+32(SB)/8, $0x3e21eed8eff8d898
DATA tanhp<>+40(SB)/8, $0x3e21eed8eff8d898
DATA tanhp<>+48(SB)/8, $0x3e21eed8eff8d898
DATA tanhp<>+56(SB)/8, $0x3e21eed8eff8d898
DATA tanhp<>+64(SB)/8, $0x3e5ae64567f544e4
DATA tanhp<>+72(SB)/8, $0x3e5ae64567f544e4
DATA tanhp<>+80(SB)/8, $0x3e5ae64567f544e4
DATA tanhp<>+88(SB)/8, $0x3e5ae64567f544e4
DATA tanhp<>+96(SB)/8, $0x3e927e4fb7789f5c
DATA tanhp<>+104(SB)/8, $0x3e927e4fb7789f5c
DATA tanhp<>+112(SB)/8, $0x3e927e4fb7789f5c
DATA tanhp<>+120(SB)/8, $0x3e927e4fb7789f5c
DATA tanhp<>+128(SB)/8, $0x3ec71de3a556c734
DATA tanhp<>+136(SB)/8, $0x3ec71de3a556c734
DATA tanhp<>+144(SB)/8, $0x3ec71de3a556c734
DATA tanhp<>+152(SB)/8, $0x3ec71de3a556c734
DATA tanhp<>+160(SB)/8, $0x3efa01a01a01a01a
DATA tanhp<>+168(SB)/8, $0x3efa01a01a01a01a
DATA tanhp<>+176(SB)/8, $0x3efa01a01a01a01a
DATA tanhp<>+184(SB)/8, $0x3efa01a01a01a01a
DATA tanhp<>+192(SB)/8, $0x3f2a01a01a01a01a
DATA tanhp<>+200(SB)/8, $0x3f2a01a01a01a01a
DATA tanhp<>+208(SB)/8, $0x3f2a01a01a01a01a
DATA tanhp<>+216(SB)/8, $0x3f2a01a01a01a01a
DATA tanhp<>+224(SB)/8, $0x3f56c16c16c16c17
DATA tanhp<>+232(SB)/8, $0x3f56c16c16c16c17
DATA tanhp<>+240(SB)/8, $0x3f56c16c16c16c17
DATA tanhp<>+248(SB)/8, $0x3f56c16c16c16c17
DATA tanhp<>+256(SB)/8, $0x3f81111111111111
DATA tanhp<>+264(SB)/8, $0x3f81111111111111
DATA tanhp<>+272(SB)/8, $0x3f81111111111111
DATA tanhp<>+280(SB)/8, $0x3f81111111111111
DATA tanhp<>+288(SB)/8, $0x3fa5555555555555
DATA tanhp<>+296(SB)/8, $0x3fa5555555555555
DATA tanhp<>+304(SB)/8, $0x3fa5555555555555
DATA tanhp<>+312(SB)/8, $0x3fa5555555555555
DATA tanhp<>+320(SB)/8, $0x3fc5555555555555
DATA tanhp<>+328(SB)/8, $0x3fc5555555555555
DATA tanhp<>+336(SB)/8, $0x3fc5555555555555
DATA tanhp<>+344(SB)/8, $0x3fc5555555555555
DATA tanhp<>+352(SB)/8, $0x3fe0000000000000
DATA tanhp<>+360(SB)/8, $0x3fe0000000000000
DATA tanhp<>+368(SB)/8, $0x3fe0000000000000
DATA tanhp<>+376(SB)/8, $0x3fe0000000000000
GLOBL tanhp<>(SB), RODATA|NOPTR, $384

// func tanhAVX2(dst, x []float64)
//
// tanhAVX2 computes four entries at a time as tanh a = e/(e+2), where
// e = expm1(2a) = 2ⁿ expm1(r) + (2ⁿ - 1) with 2a = n ln2 + r, |r| ≤ ln2/2,
// and expm1(r) is its Taylor series to r¹³; the sign of x is put back last.
// a is capped at 20, where tanh is 1 to double precision.
// Requires len(d) >= len(x) and len(x) a multiple of 4.
TEXT ·tanhAVX2(SB), NOSPLIT, $0-48
	MOVQ dst_base+0(FP), DI
	MOVQ x_base+24(FP), SI
	MOVQ x_len+32(FP), CX
	SHRQ $2, CX
	JZ   done
	VPCMPEQQ Y15, Y15, Y15
	VPSRLQ $1, Y15, Y15            // abs mask
	VMOVUPD tanhc<>+0(SB), Y14     // 20
	VMOVUPD tanhc<>+32(SB), Y13    // log2 e
	VMOVUPD tanhc<>+64(SB), Y12    // ln2 hi
	VMOVUPD tanhc<>+96(SB), Y11    // ln2 lo
	VMOVUPD tanhc<>+128(SB), Y10   // 1023 + 1.5·2⁵²
	VMOVUPD tanhc<>+160(SB), Y9    // 1
	VMOVUPD tanhc<>+192(SB), Y8    // 2
loop:
	VMOVUPD (SI), Y1               // v
	VANDPD Y15, Y1, Y2             // a = |v|
	VANDNPD Y1, Y15, Y3            // sign of v
	VMINPD Y2, Y14, Y2             // min(20, a); NaN stays NaN
	VADDPD Y2, Y2, Y2              // y = 2a
	VMULPD Y13, Y2, Y4
	VROUNDPD $0, Y4, Y4            // n = round(y log2 e)
	VMOVAPD Y2, Y5
	VFNMADD231PD Y12, Y4, Y5       // r = y - n ln2hi
	VFNMADD231PD Y11, Y4, Y5       // r -= n ln2lo
	VMOVUPD tanhp<>+0(SB), Y0      // c13
	VFMADD213PD tanhp<>+32(SB), Y5, Y0
	VFMADD213PD tanhp<>+64(SB), Y5, Y0
	VFMADD213PD tanhp<>+96(SB), Y5, Y0
	VFMADD213PD tanhp<>+128(SB), Y5, Y0
	VFMADD213PD tanhp<>+160(SB), Y5, Y0
	VFMADD213PD tanhp<>+192(SB), Y5, Y0
	VFMADD213PD tanhp<>+224(SB), Y5, Y0
	VFMADD213PD tanhp<>+256(SB), Y5, Y0
	VFMADD213PD tanhp<>+288(SB), Y5, Y0
	VFMADD213PD tanhp<>+320(SB), Y5, Y0
	VFMADD213PD tanhp<>+352(SB), Y5, Y0   // c2
	VFMADD213PD Y9, Y5, Y0         // c1 = 1
	VMULPD Y5, Y0, Y0              // em = expm1(r)
	VADDPD Y10, Y4, Y6             // low bits hold n + 1023
	VPSLLQ $52, Y6, Y6             // k = 2ⁿ
	VSUBPD Y9, Y6, Y7              // k - 1
	VFMADD231PD Y6, Y0, Y7         // e = k em + (k - 1) = expm1(y)
	VADDPD Y8, Y7, Y6              // e + 2
	VDIVPD Y6, Y7, Y7              // t = e / (e + 2)
	VORPD Y3, Y7, Y7               // copy the sign of v
	VMOVUPD Y7, (DI)
	ADDQ $32, SI
	ADDQ $32, DI
	DECQ CX
	JNZ  loop
	VZEROUPPER
done:
	RET
