// This file implements the lexer, which splits the source into numbers,
// names and one-byte punctuation.

package expr

import (
	"fmt"
	"strconv"
	"unicode"
	"unicode/utf8"
)

type tokenKind int

const (
	tokEOF tokenKind = iota
	tokNum
	tokName
	tokPunct // one of + - * / @ ^ ( ) ,
)

type token struct {
	kind tokenKind
	col  int     // 1-based byte column of the first byte
	text string  // the source text; empty for tokEOF
	num  float64 // the value of a tokNum
}

// describe returns the token as an error message names it.
func (t token) describe() string {
	switch t.kind {
	case tokEOF:
		return "end of input"
	case tokNum:
		return "number " + t.text
	case tokName:
		return "name " + t.text
	}
	return "'" + t.text + "'"
}

type lexer struct {
	src string
	pos int // byte offset of the next unread byte
}

// next returns the next token, or a *SyntaxError for bytes that start none.
func (l *lexer) next() (token, error) {
	for l.pos < len(l.src) && isSpace(l.src[l.pos]) {
		l.pos++
	}
	start := l.pos
	if start == len(l.src) {
		return token{kind: tokEOF, col: start + 1}, nil
	}

	c := l.src[start]
	switch {
	case isDigit(c) || c == '.' && start+1 < len(l.src) && isDigit(l.src[start+1]):
		return l.number()
	case c < utf8.RuneSelf && isPunct(c):
		l.pos++
		return token{kind: tokPunct, col: start + 1, text: l.src[start:l.pos]}, nil
	}

	r, size := utf8.DecodeRuneInString(l.src[start:])
	switch {
	case r == '_' || unicode.IsLetter(r):
		l.pos += size
		for l.pos < len(l.src) {
			r, size := utf8.DecodeRuneInString(l.src[l.pos:])
			if !isNameRune(r) {
				break
			}
			l.pos += size
		}
		return token{kind: tokName, col: start + 1, text: l.src[start:l.pos]}, nil
	case r == utf8.RuneError && size == 1:
		return token{}, &SyntaxError{start + 1, fmt.Sprintf("invalid UTF-8 byte 0x%02x", c)}
	}
	return token{}, &SyntaxError{start + 1, fmt.Sprintf("unexpected character %q", r)}
}

// number reads a number literal at l.pos.
func (l *lexer) number() (token, error) {
	s, start := l.src, l.pos
	i := skipDigits(s, start)
	if i < len(s) && s[i] == '.' {
		i = skipDigits(s, i+1)
	}
	ok := true
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		k := skipDigits(s, j)
		ok = k > j
		i = k
	}

	// A number run into a name or another '.', as in 2x or 3..4, is one
	// malformed token rather than two that parse into something unmeant.
	if !ok || i < len(s) && startsWord(s[i:]) {
		for i < len(s) && startsWord(s[i:]) {
			_, size := utf8.DecodeRuneInString(s[i:])
			i += size
		}
		return token{}, &SyntaxError{start + 1, fmt.Sprintf("malformed number %q", s[start:i])}
	}

	l.pos = i
	text := s[start:i]
	v, err := strconv.ParseFloat(text, 64)
	if err != nil && (v > 1 || v < -1) {
		return token{}, &SyntaxError{start + 1, fmt.Sprintf("number %s is out of range", text)}
	}
	return token{kind: tokNum, col: start + 1, text: text, num: v}, nil
}

// startsWord reports whether s starts with a byte or rune that may not
// follow a number directly: a letter, a digit, '_' or '.'.
func startsWord(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r == '.' || isNameRune(r)
}

// isNameRune reports whether r may appear in a name after its first rune.
func isNameRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || r < utf8.RuneSelf && isDigit(byte(r))
}

func skipDigits(s string, i int) int {
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return i
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func isPunct(c byte) bool {
	switch c {
	case '+', '-', '*', '/', '@', '^', '(', ')', ',':
		return true
	}
	return false
}
