// Command runcheck reads the files sports watches export (FIT, GPX, TCX,
// optionally gzip-compressed) and tells whether easy days were really easy.
//
// Usage:
//
//	runcheck <command> [flags] PATH...
//
// The commands:
//
//	grade     grade labelled recovery runs: did they stay easy?
//	check     check an activity dataset for CI
//	inspect   show what an activity file holds
//	plot      draw a run, or a week of runs, as SVG or PNG
//	zones     time in heart-rate zones, pace offsets, cleaning counts
//	version   print the version and the build's VCS information
//
// # Exit codes
//
//	0    success
//	1    a run failed its grade (or a check)
//	2    a usage error, an unreadable input, no activity file in the paths,
//	     a report or standard output that could not be written, an internal error
//	130  interrupted by SIGINT (143 SIGTERM, 129 SIGHUP); no report is left
//
// Errors are printed on standard error as "runcheck: error: ...", naming the
// file and what is wrong; one unreadable file does not stop the others.
package main
