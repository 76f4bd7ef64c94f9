// Command runcheck reads the files sports watches export (FIT, GPX, TCX,
// optionally gzip-compressed) and tells whether easy days were really easy.
//
// Usage:
//
//	runcheck <command> [flags] PATH...
//
// The commands:
//
//	inspect   show what an activity file holds
//
// # Exit codes
//
//	0  success
//	1  a run failed its grade
//	2  a usage error or an unreadable input
//
// Errors are printed on standard error as "runcheck: error: ...", naming the
// file and what is wrong; one unreadable file does not stop the others.
package main
