module github.com/runcheck/runcheck

go 1.26.0

require (
	github.com/BurntSushi/toml v1.6.0
	github.com/muktihari/fit v0.28.3
	github.com/rogpeppe/go-internal v1.16.0
	gonum.org/v1/gonum v0.17.0
)

require (
	golang.org/x/sys v0.46.0 // indirect
	golang.org/x/tools v0.47.0 // indirect
)
